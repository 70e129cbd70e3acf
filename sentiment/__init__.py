"""Reading mentions: language, label, confidence, topics, complaint reason, frustration."""
