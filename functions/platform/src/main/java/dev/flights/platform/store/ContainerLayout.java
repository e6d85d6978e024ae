package dev.flights.platform.store;

import java.util.Map;

/**
 * The containers of the README's "On Azure" and their partition keys, chosen so that every transactional batch stays
 * in one logical partition: a reservation with its outbox; an account with its payments and their outbox; a ticket
 * with its outbox; a customer's notifications; a customer's reservation list.
 */
public final class ContainerLayout {

    public static final String RESERVATIONS = "reservations";
    public static final String ACCOUNTS = "accounts";
    public static final String TICKETS = "tickets";
    public static final String NOTIFICATIONS = "notifications";
    public static final String RESERVATION_VIEW = "reservation-view";
    public static final String LEASES = "leases";

    private static final Map<String, String> PARTITION_KEYS = Map.of(
            RESERVATIONS, "reservationId",
            ACCOUNTS, "userId",
            TICKETS, "reservationId",
            NOTIFICATIONS, "userId",
            RESERVATION_VIEW, "userId",
            LEASES, "id");

    private ContainerLayout() {
    }

    public static String partitionKeyField(String container) {
        String field = PARTITION_KEYS.get(container);
        if (field == null) {
            throw new IllegalArgumentException("no container named " + container + " in the design");
        }
        return field;
    }
}
