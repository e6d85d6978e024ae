package dev.flights.localhost.discovery;

import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds every function app on the class path: a {@code @SpringBootApplication} start class, as the Azure adapter
 * finds it through MAIN_CLASS, and below its package the classes with {@code @FunctionName} methods, as the
 * Azure Maven plugin finds them when it writes function.json.
 */
public final class AppDiscovery {

    private final String basePackage;

    public AppDiscovery(String basePackage) {
        this.basePackage = basePackage;
    }

    public List<FunctionApp> discover() {
        List<FunctionApp> apps = new ArrayList<>();
        for (Class<?> startClass : scan(basePackage, new AnnotationTypeFilter(SpringBootApplication.class))) {
            String name = appName(startClass);
            List<FunctionDefinition> functions = new ArrayList<>();
            for (Class<?> candidate : scan(startClass.getPackageName(),
                    (reader, factory) -> reader.getAnnotationMetadata().hasAnnotatedMethods(FunctionName.class.getName()))) {
                for (Method method : candidate.getMethods()) {
                    FunctionName functionName = method.getAnnotation(FunctionName.class);
                    if (functionName != null) {
                        functions.add(new FunctionDefinition(name, functionName.value(), candidate, method,
                                triggerOf(method)));
                    }
                }
            }
            functions.sort(Comparator.comparing(FunctionDefinition::name));
            apps.add(new FunctionApp(name, startClass, List.copyOf(functions)));
        }
        apps.sort(Comparator.comparing(FunctionApp::name));
        return apps;
    }

    /** ReserveApplication → reserve, IssueTicketApplication → issue-ticket. */
    static String appName(Class<?> startClass) {
        String simple = startClass.getSimpleName().replaceFirst("Application$", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Annotation triggerOf(Method method) {
        for (Parameter parameter : method.getParameters()) {
            for (Class<? extends Annotation> type : List.of(HttpTrigger.class, ServiceBusTopicTrigger.class,
                    CosmosDBTrigger.class)) {
                Annotation trigger = parameter.getAnnotation(type);
                if (trigger != null) {
                    return trigger;
                }
            }
        }
        throw new IllegalStateException(method + " has no trigger this host knows (HTTP, Service Bus topic, Cosmos DB)");
    }

    private static List<Class<?>> scan(String basePackage, org.springframework.core.type.filter.TypeFilter filter) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(filter);
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
            classes.add(ClassUtils.resolveClassName(definition.getBeanClassName(), AppDiscovery.class.getClassLoader()));
        }
        return classes;
    }
}
