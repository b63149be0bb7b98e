package org.debswarm.rfc822.internal;

import org.debswarm.rfc822.ControlParser;
import org.osgi.service.component.annotations.Component;

@Component
public final class DefaultControlParser implements ControlParser {
    @Override
    public String name() {
        return "deb822";
    }
}
