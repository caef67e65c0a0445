"""Understanding and conversation: parser, dialogue, channels, outbox."""
