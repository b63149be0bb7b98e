package org.debswarm.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Waiting on the container: each condition is checked again on every bundle or service event, with a deadline. */
public final class Container {

    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Container() {
    }

    /** Waits until {@code condition} holds, re-checking it whenever a bundle or service changes. */
    public static void await(BundleContext context, String what, BooleanSupplier condition) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable check = () -> {
            if (condition.getAsBoolean()) {
                done.complete(null);
            }
        };
        BundleListener bundles = event -> check.run();
        ServiceListener services = event -> check.run();
        context.addBundleListener(bundles);
        context.addServiceListener(services);
        try {
            check.run();
            done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what, e.getCause());
        } finally {
            context.removeServiceListener(services);
            context.removeBundleListener(bundles);
        }
    }

    public static void awaitAllActive(BundleContext context) throws Exception {
        await(context, "every bundle active", () -> {
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getState() != Bundle.ACTIVE && !isFragment(bundle)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits for one component to be satisfied; on time-out, names it and its unsatisfied references. */
    static void awaitComponentSatisfied(ServiceComponentRuntime scr, ComponentDescriptionDTO description,
            List<String> unsatisfied) throws Exception {
        BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(Container.class).getBundleContext();
        try {
            await(context, "component " + description.name + " satisfied", () -> isSatisfied(scr, description));
        } catch (AssertionError e) {
            StringBuilder why = new StringBuilder(description.name);
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                why.append(" state=").append(configuration.state);
                for (var reference : configuration.unsatisfiedReferences) {
                    why.append(" missing ").append(reference.name).append(' ').append(reference.target);
                }
            }
            unsatisfied.add(why.toString());
        }
    }

    private static boolean isSatisfied(ServiceComponentRuntime scr, ComponentDescriptionDTO description) {
        if (!scr.isComponentEnabled(description)) {
            return false;
        }
        var configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            // a component that requires configuration and has none is waiting by design
            return "require".equals(description.configurationPolicy);
        }
        return configurations.stream().allMatch(ContainerIT::isActive);
    }

    public static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get("Fragment-Host") != null;
    }

    public static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
