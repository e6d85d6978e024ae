/**
 * The local host: one JVM runs all five function apps by invoking their real {@code @FunctionName} entry points,
 * found through the same annotations the Azure Maven plugin reads, over the in-process store and topic.
 */
package dev.flights.localhost;
