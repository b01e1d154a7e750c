"""Student care, pure: growth observations and their summaries, levels for families, small-cell suppression of
sensitive counts, and the 控辍保学 watch rule. No Django; the `care` app feeds these plain values."""
