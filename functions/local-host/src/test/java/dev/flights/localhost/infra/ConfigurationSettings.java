package dev.flights.localhost.infra;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The optional app settings an app reads through its {@code @ConfigurationProperties} records, as environment
 * variables by Spring's relaxed binding: {@code outbox.ttl} is {@code OUTBOX_TTL},
 * {@code payment.circuit.openDuration} is {@code PAYMENT_CIRCUIT_OPEN_DURATION}.
 */
final class ConfigurationSettings {

    private ConfigurationSettings() {
    }

    static Set<String> in(String... basePackages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> names = new TreeSet<>();
        for (String basePackage : basePackages) {
            for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
                Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(),
                        ConfigurationSettings.class.getClassLoader());
                String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                collect(environmentName(prefix), type, names);
            }
        }
        return names;
    }

    private static void collect(String prefix, Class<?> type, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "_" + environmentName(component.getName());
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }

    private static String environmentName(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_').toUpperCase();
    }
}
