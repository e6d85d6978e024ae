package dev.flights.notify.domain;

/** The languages a notification is written in; the feed shows English, a webhook the language it is set to. */
public enum Language {
    EN,
    KO
}
