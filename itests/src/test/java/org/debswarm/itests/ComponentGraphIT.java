package org.debswarm.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Declarative Services components of the distribution's Debswarm bundles, read from their descriptors, never
 * form a cycle of references that activating one of them would follow. DS resolves such a cycle by handing one
 * component of it nothing, which one depending on the order the bundles start in: a node once ran without its
 * peer wire that way, one start in three. A reference bound as {@code ComponentServiceObjects} (a whiteboard's
 * listeners, see {@code org.debswarm.commons.Whiteboard}) obtains nothing on binding and is left out.
 */
public class ComponentGraphIT {

    private record Reference(String name, String service, String bind) {
    }

    private record Component(String name, String implementation, List<String> provides, List<Reference> references) {
    }

    @Test
    public void noComponentNeedsItselfToActivate() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of("boot", "bundle", "deploy")) {
            jars.addAll(Distribution.jars(folder));
        }
        jars.add(Distribution.root().resolve("lib/org.apache.felix.framework.jar"));
        List<Component> components = new ArrayList<>();
        for (Path jar : jars) {
            if (jar.getFileName().toString().startsWith("org.debswarm.")) {
                components.addAll(components(jar));
            }
        }
        assertTrue("the node's components are found: " + components.size(), components.size() > 20);
        try (URLClassLoader classes = new URLClassLoader(urls(jars), ClassLoader.getPlatformClassLoader())) {
            Map<String, List<String>> edges = edges(components, classes);
            Set<String> explored = new HashSet<>();
            for (String start : edges.keySet()) {
                Optional<List<String>> cycle = cycleFrom(start, edges, new ArrayList<>(), explored);
                assertTrue("a cycle of component references: " + cycle.map(Object::toString).orElse(""),
                        cycle.isEmpty());
            }
        }
    }

    /** Component name to the names of the components its eagerly bound references lead to. */
    private static Map<String, List<String>> edges(List<Component> components, ClassLoader classes)
            throws ClassNotFoundException {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Component c : components) {
            List<String> to = new ArrayList<>();
            Class<?> type = Class.forName(c.implementation(), false, classes);
            for (Reference r : c.references()) {
                if (!bindsServiceObjects(type, r)) {
                    components.stream().filter(p -> p.provides().contains(r.service()))
                            .forEach(p -> to.add(p.name()));
                }
            }
            edges.put(c.name(), to);
        }
        return edges;
    }

    private static boolean bindsServiceObjects(Class<?> type, Reference reference) {
        if (reference.bind().isEmpty()) {
            return false;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(reference.bind()) && m.getParameterCount() > 0
                    && m.getParameterTypes()[0].getName().equals("org.osgi.service.component.ComponentServiceObjects")) {
                return true;
            }
        }
        return false;
    }

    /** Depth first; {@code explored} holds the components already known to lead to no cycle. */
    private static Optional<List<String>> cycleFrom(String at, Map<String, List<String>> edges, List<String> path,
                                                    Set<String> explored) {
        if (explored.contains(at)) {
            return Optional.empty();
        }
        int seen = path.indexOf(at);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(at);
            return Optional.of(cycle);
        }
        path.add(at);
        for (String next : edges.getOrDefault(at, List.of())) {
            Optional<List<String>> cycle = cycleFrom(next, edges, path, explored);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        explored.add(at);
        return Optional.empty();
    }

    private static List<Component> components(Path jar) throws Exception {
        List<Component> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().matches("OSGI-INF/[^/]+\\.xml")).toList()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                    factory.setNamespaceAware(true);
                    Document doc = factory.newDocumentBuilder().parse(in);
                    NodeList found = doc.getElementsByTagNameNS("*", "component");
                    for (int i = 0; i < found.getLength(); i++) {
                        out.add(component((Element) found.item(i)));
                    }
                }
            }
        }
        return out;
    }

    private static Component component(Element e) {
        Element implementation = (Element) e.getElementsByTagName("implementation").item(0);
        List<String> provides = new ArrayList<>();
        NodeList p = e.getElementsByTagName("provide");
        for (int i = 0; i < p.getLength(); i++) {
            provides.add(((Element) p.item(i)).getAttribute("interface"));
        }
        List<Reference> references = new ArrayList<>();
        NodeList r = e.getElementsByTagName("reference");
        for (int i = 0; i < r.getLength(); i++) {
            Element ref = (Element) r.item(i);
            references.add(new Reference(ref.getAttribute("name"), ref.getAttribute("interface"),
                    ref.getAttribute("bind")));
        }
        return new Component(e.getAttribute("name"), implementation.getAttribute("class"), provides, references);
    }

    private static URL[] urls(List<Path> jars) throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return urls;
    }
}
