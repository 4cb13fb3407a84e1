package io.parley.kernel.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RestController;

/** The handler methods of a service's REST controllers, found on the class path, for tests that check every one. */
public final class Controllers {

    private Controllers() {
    }

    public static List<Method> methods(String basePackage) throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Method> methods = new ArrayList<>();
        for (BeanDefinition controller : scanner.findCandidateComponents(basePackage)) {
            methods.addAll(Arrays.asList(Class.forName(controller.getBeanClassName()).getDeclaredMethods()));
        }
        return methods;
    }
}
