package dev.flights.platform.store;

/** A database of containers; each app asks only for the containers it owns or reads. */
public interface DocumentStore {

    DocumentContainer container(String name);
}
