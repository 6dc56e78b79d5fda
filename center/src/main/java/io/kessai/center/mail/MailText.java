package io.kessai.center.mail;

/** A text the center writes to a person, in Japanese and in English. */
public record MailText(String ja, String en) {}
