package org.debswarm.commons;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a whiteboard, bound by Declarative Services as {@link ComponentServiceObjects}, so that binding
 * them does not create them: each is obtained when first used and released when unbound.
 * <p>
 * A source whose listeners reference the source itself (the store and the node's eviction listener, the torrent
 * registry and the node swarm) must bind them this way. Obtaining a listener while the source is being activated
 * needs the source, which is not there yet: DS breaks such a cycle by handing one component of it nothing, and
 * which one depends on the order the bundles happen to start in. A node then ran without its peer wire.
 */
public final class Whiteboard<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Whiteboard.class);

    private final List<Listener<T>> bound = new CopyOnWriteArrayList<>();

    /** Binds a listener without obtaining it; returns its handle. */
    public Listener<T> add(ComponentServiceObjects<T> objects) {
        Listener<T> listener = new Listener<>(objects, null);
        bound.add(listener);
        return listener;
    }

    /** Adds a listener object that is already there (outside a framework: tests and tools). */
    public Listener<T> add(T service) {
        Listener<T> listener = new Listener<>(null, service);
        bound.add(listener);
        return listener;
    }

    /**
     * Unbinds a listener, releasing it if it was obtained.
     *
     * @param added what was given to {@link #add}: its service objects, or the listener object itself
     */
    public void remove(Object added) {
        for (Listener<T> listener : bound) {
            if (listener.added == added && bound.remove(listener)) {
                listener.release();
            }
        }
    }

    /** The handles of the listeners bound now, in the order they were bound. */
    public List<Listener<T>> listeners() {
        return List.copyOf(bound);
    }

    /** The listeners bound now, each obtained if not yet; one that cannot be obtained is left out. */
    public List<T> services() {
        List<T> out = new ArrayList<>(bound.size());
        for (Listener<T> listener : bound) {
            listener.get().ifPresent(out::add);
        }
        return out;
    }

    /** One bound listener: obtained on its first {@link #get()}, released by {@link Whiteboard#remove}. */
    public static final class Listener<T> {

        private final ComponentServiceObjects<T> objects;
        private final Object added;
        private T service; // guarded by this
        private boolean released; // guarded by this

        private Listener(ComponentServiceObjects<T> objects, T service) {
            this.objects = objects;
            this.service = service;
            this.added = objects != null ? objects : service;
        }

        /**
         * The listener, obtained now if it was not yet (outside any lock: creating it may activate other
         * components); empty once released, or if its component cannot be activated.
         */
        public Optional<T> get() {
            synchronized (this) {
                if (service != null || released) {
                    return Optional.ofNullable(service);
                }
            }
            T obtained = obtain();
            if (obtained == null) {
                return Optional.empty();
            }
            synchronized (this) {
                if (service == null && !released) {
                    service = obtained;
                    return Optional.of(obtained);
                }
            }
            unget(obtained); // released meanwhile, or obtained twice at once
            return get();
        }

        private T obtain() {
            if (goingAway(objects)) {
                LOG.debug("Not obtaining {}: it or the framework is stopping", objects.getServiceReference());
                return null;
            }
            try {
                return objects.getService();
            } catch (IllegalStateException gone) {
                return null;
            }
        }

        /**
         * True when the listener's service, its bundle or the framework is going away. Obtaining it then would ask
         * Declarative Services to activate a component whose references are being removed; that fails, and the
         * framework reports the failure as an error ("Service factory returned null"). This happened while a node
         * stopped: the node's swarm was re-activated without its store, registered as a listener, and the registry
         * obtained it to tell it the torrents it holds.
         */
        private static boolean goingAway(ComponentServiceObjects<?> objects) {
            if (FrameworkUtil.getBundle(objects.getClass()) == null) {
                return false; // outside a framework: tests and tools
            }
            try {
                ServiceReference<?> reference = objects.getServiceReference();
                Bundle owner = reference == null ? null : reference.getBundle();
                BundleContext context = owner == null ? null : owner.getBundleContext();
                if (context == null || owner.getState() == Bundle.STOPPING) {
                    return true;
                }
                return FrameworkState.stopping(context).getAsBoolean();
            } catch (IllegalStateException stale) {
                return true;
            }
        }

        private void release() {
            T obtained;
            synchronized (this) {
                released = true;
                obtained = service;
                service = null;
            }
            if (obtained != null && objects != null) {
                unget(obtained);
            }
        }

        private void unget(T obtained) {
            try {
                objects.ungetService(obtained);
            } catch (IllegalStateException | IllegalArgumentException gone) {
                // the listener's bundle is stopping: nothing left to release
            }
        }
    }
}
