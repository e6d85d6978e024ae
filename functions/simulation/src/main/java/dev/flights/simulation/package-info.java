/**
 * A deterministic simulation of the whole saga: the five apps' real function entry points in their real Spring
 * contexts, driven by one {@link dev.flights.simulation.Scheduler} on a {@link dev.flights.simulation.VirtualClock}
 * with one random generator per seed. Only the clock, the topic ({@link dev.flights.simulation.SimTopic}), the store
 * ({@link dev.flights.simulation.SimStore}, the in-process containers with the seed's faults) and the network (HTTP
 * clients, the webhook receiver) are simulated. After each run {@link dev.flights.simulation.Checks} checks every
 * guarantee; {@link dev.flights.simulation.SimulationCommand} runs batches of seeds and replays one.
 */
package dev.flights.simulation;
