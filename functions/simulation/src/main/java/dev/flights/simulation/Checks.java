package dev.flights.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.events.EventType;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.store.ContainerLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every guarantee, checked after a run has settled: money conserved per customer (from the account statement), a
 * charged-then-cancelled reservation refunded exactly once, no rejected reservation charged, at most one live ticket
 * per reservation and none for a cancelled one, nothing stuck, the read model equal to the system of record, one
 * notification per step (and the webhook told of it), nothing dead-lettered but the injected poison, no outbox
 * document parked or left unrelayed, no change-feed batch lost.
 */
final class Checks {

    private static final long PRICE = 100;

    private final Simulation.Facts facts;
    private final List<String> violations;
    private final Map<String, Integer> outcomes = new TreeMap<>();

    Checks(Simulation.Facts facts) {
        this.facts = facts;
        this.violations = facts.violations();
    }

    Checks(Simulation run) {
        this(new Simulation.Facts(run));
    }

    Map<String, Integer> run() {
        Map<String, ObjectNode> reservations = byId(ContainerLayout.RESERVATIONS, "reservation", "id");
        Map<String, List<ObjectNode>> accounts = new HashMap<>();
        for (ObjectNode doc : facts.documents(ContainerLayout.ACCOUNTS)) {
            accounts.computeIfAbsent(text(doc.path("userId")), u -> new ArrayList<>()).add(doc);
        }
        Map<String, ObjectNode> tickets = byId("tickets", "ticket", "reservationId");
        Map<String, ObjectNode> views = byId("reservation-view", "reservationView", "id");
        Map<String, List<ObjectNode>> notifications = new HashMap<>();
        for (ObjectNode doc : facts.documents("notifications")) {
            if (doc.path("docType").asText().equals("notification")) {
                notifications.computeIfAbsent(doc.path("reservationId").asText(), r -> new ArrayList<>()).add(doc);
            }
        }
        Map<String, Movements> movements = statements();

        Set<String> known = new HashSet<>();
        for (String[] client : facts.reservations()) {
            String id = client[0];
            known.add(id);
            ObjectNode r = reservations.get(id);
            if (r == null) {
                violations.add("reservation " + client[2] + " of " + client[1] + " (" + id + ") is not stored");
                continue;
            }
            String status = r.path("status").asText();
            outcomes.merge(status, 1, Integer::sum);
            checkReservation(id, client, r, status, accounts.getOrDefault(client[1], List.of()),
                    movements.getOrDefault(client[1], new Movements()), tickets.get(id));
            checkView(id, r, views.get(id));
            checkNotifications(id, notifications.getOrDefault(id, List.of()));
        }
        reservations.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> violations.add("reservation " + id + " is stored but no client asked for it"));
        views.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> violations.add("the read model lists " + id + ", which reserve does not have"));
        checkDeadLetters();
        checkOutboxes();
        for (SimFeed feed : facts.apps().feeds) {
            if (feed.lost() > 0) {
                violations.add(feed.name() + " lost " + feed.lost() + " change-feed batches");
            }
        }
        return outcomes;
    }

    /** Per customer, from the statement: deposits as the client made them, one line per charge and refund. */
    private Map<String, Movements> statements() {
        Map<String, Movements> all = new HashMap<>();
        for (String user : facts.users()) {
            long deposited = facts.credited(user).values().stream().mapToLong(Long::longValue).sum();
            Simulation.Answer account = facts.get(user, "getStatement", "accounts/" + user + "/statement",
                    Map.of("userId", user));
            Movements m = new Movements();
            all.put(user, m);
            if (account.status() == 404) {
                if (deposited > 0) {
                    violations.add(user + " deposited " + deposited + " but has no account");
                }
                continue;
            }
            if (account.status() != 200) {
                violations.add("the statement of " + user + " answered " + account);
                continue;
            }
            JsonNode statement = Simulation.Facts.parse(account.body());
            long balance = statement.path("balance").asLong();
            long sum = 0;
            long deposits = 0;
            Set<Long> sequences = new HashSet<>();
            for (JsonNode line : statement.path("items")) {
                long amount = line.path("amount").asLong();
                String type = line.path("type").asText();
                sequences.add(line.path("sequence").asLong());
                String reservation = line.path("reservationId").asText(null);
                switch (type) {
                    case "DEPOSIT" -> {
                        sum += amount;
                        deposits += amount;
                    }
                    case "CHARGE" -> {
                        sum -= amount;
                        m.charges.merge(reservation, 1, Integer::sum);
                    }
                    case "REFUND" -> {
                        sum += amount;
                        m.refunds.merge(reservation, 1, Integer::sum);
                    }
                    default -> violations.add("the statement of " + user + " has a line of type " + type);
                }
            }
            int lines = statement.path("items").size();
            if (sequences.size() != lines || (lines > 0 && !sequences.contains((long) lines))) {
                violations.add("the statement of " + user + " is not numbered 1.." + lines + ": " + sequences);
            }
            if (sum != balance) {
                violations.add("money of " + user + ": the statement adds up to " + sum + ", the balance is " + balance);
            }
            if (deposits != deposited) {
                violations.add("money of " + user + ": the client deposited " + deposited + " (" + facts.credited(user)
                        + "), the statement shows " + deposits);
            }
            long charged = m.charges.values().stream().mapToLong(Integer::longValue).sum() * PRICE;
            long refunded = m.refunds.values().stream().mapToLong(Integer::longValue).sum() * PRICE;
            if (balance != deposited - charged + refunded) {
                violations.add("money of " + user + ": balance " + balance + " != deposited " + deposited
                        + " - charged " + charged + " + refunded " + refunded);
            }
        }
        return all;
    }

    private void checkReservation(String id, String[] client, ObjectNode r, String status, List<ObjectNode> account,
            Movements movements, ObjectNode ticket) {
        String name = "reservation " + client[2] + " of " + client[1] + " (" + status + ")";
        int charges = movements.charges.getOrDefault(id, 0);
        int refunds = movements.refunds.getOrDefault(id, 0);
        String payment = account.stream().filter(d -> d.path("id").asText().equals("payment-" + id)).findFirst()
                .map(d -> d.path("status").asText()).orElse(null);
        if (charges > 1) {
            violations.add(name + " was charged " + charges + " times");
        }
        if (refunds > charges) {
            violations.add(name + " was refunded " + refunds + " times after " + charges + " charges");
        }
        String ticketStatus = ticket == null ? null : ticket.path("status").asText();
        switch (status) {
            case "TICKETED" -> {
                if (charges != 1 || refunds != 0 || !"CHARGED".equals(payment)) {
                    violations.add(name + ": charged " + charges + ", refunded " + refunds + ", payment " + payment);
                }
                if (!"ISSUED".equals(ticketStatus) || !ticket.path("ticketNumber").asText().equals(
                        r.path("ticketNumber").asText())) {
                    violations.add(name + ": its ticket is " + ticketStatus);
                }
            }
            case "REJECTED" -> {
                if (charges != 0 || !"DECLINED".equals(payment)) {
                    violations.add(name + " was charged " + charges + " times; payment " + payment);
                }
                if (ticket != null) {
                    violations.add(name + " has a ticket " + ticketStatus);
                }
                if (!"409".equals(client[3]) && client[3] != null) {
                    violations.add(name + ": its cancel was answered " + client[3]);
                }
            }
            case "CANCELLED" -> {
                if (charges == 1 && (refunds != 1 || !"REFUNDED".equals(payment)
                        || !r.path("refunded").asBoolean())) {
                    violations.add(name + " was charged and refunded " + refunds + " times; payment " + payment
                            + ", refunded flag " + r.path("refunded"));
                }
                if (charges == 0 && !("CANCELLED_UNPAID".equals(payment) || "DECLINED".equals(payment))) {
                    violations.add(name + " was never charged but its payment is " + payment);
                }
                if (ticket != null && !"VOIDED".equals(ticketStatus)) {
                    violations.add(name + " has a live ticket " + ticket.path("ticketNumber").asText());
                }
                if (ticket != null && ticket.hasNonNull("ticketNumber") && !r.path("ticketVoided").asBoolean()) {
                    violations.add(name + ": its ticket was voided but the reservation does not say so");
                }
            }
            default -> violations.add(name + " is stuck: payment " + payment + ", ticket " + ticketStatus);
        }
    }

    private void checkView(String id, ObjectNode r, ObjectNode view) {
        if (view == null) {
            violations.add("the read model misses reservation " + id);
            return;
        }
        for (String field : List.of("status", "version", "ticketNumber", "refunded", "userId", "flightId")) {
            if (!Objects.equals(text(r.path(field)), text(view.path(field)))) {
                violations.add("the read model shows reservation " + id + " with " + field + " " + view.path(field)
                        + ", reserve has " + r.path(field));
            }
        }
    }

    /** One notification per event the customer is told of, each taken by the webhook unless it gave up. */
    private void checkNotifications(String id, List<ObjectNode> stored) {
        Set<String> expected = new HashSet<>();
        for (OutgoingMessage event : facts.events()) {
            if (event.sessionId().equals(id) && facts.apps().topic.accepts("notify", event.type())
                    && !event.type().equals(EventType.NotificationDeliveryDue.name())) {
                expected.add(event.messageId());
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        stored.forEach(n -> seen.merge(n.path("eventId").asText(), 1, Integer::sum));
        if (!seen.keySet().equals(expected) || seen.values().stream().anyMatch(c -> c > 1)) {
            violations.add("notifications of reservation " + id + ": " + seen + ", events " + expected);
        }
        Set<String> received = new HashSet<>(facts.apps().webhook.received());
        for (ObjectNode n : stored) {
            String webhook = n.path("webhook").path("status").asText();
            boolean taken = received.contains(n.path("eventId").asText());
            if (webhook.equals("SENT") != taken || webhook.equals("PENDING")
                    || (webhook.equals("FAILED") && !facts.webhookWasDown())) {
                violations.add("notification " + n.path("type").asText() + " of reservation " + id + ": webhook "
                        + webhook + ", receiver " + (taken ? "took it" : "never got it"));
            }
        }
    }

    private void checkDeadLetters() {
        for (SimTopic.DeadLetter dead : facts.apps().topic.deadLetters()) {
            if (!facts.poison().contains(dead.messageId())) {
                violations.add("dead-lettered in " + dead.subscription() + ": " + dead.type() + " "
                        + dead.messageId() + " of " + dead.sessionId() + ": " + dead.reason());
            }
        }
        Set<String> deadIds = new HashSet<>();
        facts.apps().topic.deadLetters().forEach(d -> deadIds.add(d.messageId()));
        facts.poison().stream().filter(p -> !deadIds.contains(p))
                .forEach(p -> violations.add("the poison message " + p + " was not dead-lettered"));
    }

    private void checkOutboxes() {
        for (String container : List.of(ContainerLayout.RESERVATIONS, ContainerLayout.ACCOUNTS, "tickets",
                "notifications")) {
            for (ObjectNode doc : facts.documents(container)) {
                if (Simulation.Facts.isOutbox(doc) && !"relayed".equalsIgnoreCase(doc.path("status").asText())) {
                    violations.add("outbox document " + doc.path("id").asText() + " in " + container + " is "
                            + doc.path("status"));
                }
                // an embedded outbox entry is removed once sent: any left is unsent or parked
                for (JsonNode entry : doc.path(Outbox.EMBEDDED)) {
                    violations.add("the outbox of " + doc.path("id").asText() + " in " + container + " still holds "
                            + entry.path("type").asText() + " " + entry.path("messageId").asText() + " ("
                            + (entry.has("status") ? entry.path("status").asText() : "not sent") + ")");
                }
            }
        }
    }

    private Map<String, ObjectNode> byId(String container, String docType, String idField) {
        Map<String, ObjectNode> docs = new HashMap<>();
        for (ObjectNode doc : facts.documents(container)) {
            if (doc.path("docType").asText().equals(docType)) {
                if (docs.put(doc.path(idField).asText(), doc) != null) {
                    violations.add(container + " holds two " + docType + " documents for " + doc.path(idField));
                }
            }
        }
        return docs;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return node.has("value") ? node.path("value").asText() : node.path("amount").asText(node.toString());
        }
        return node.asText();
    }

    private static final class Movements {
        final Map<String, Integer> charges = new HashMap<>();
        final Map<String, Integer> refunds = new HashMap<>();
    }
}
