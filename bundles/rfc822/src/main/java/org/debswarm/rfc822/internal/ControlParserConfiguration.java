package org.debswarm.rfc822.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Default limits of the {@code ControlParser} service (PID {@code org.debswarm.rfc822.ControlParser}). */
@ObjectClassDefinition(name = "Debswarm control-file parser",
        description = "Limits applied when a caller of the ControlParser service passes none. "
                + "Input beyond them fails with an error naming the limit.")
public @interface ControlParserConfiguration {

    @AttributeDefinition(name = "Maximum line length",
            description = "Longest accepted line in bytes (bookworm's longest Packages line is 75,649 bytes).",
            min = "80")
    int maxLineLength() default 1 << 20;

    @AttributeDefinition(name = "Maximum paragraph size",
            description = "Largest accepted paragraph in bytes; also bounds an InRelease's signed text "
                    + "and signature. At least the maximum line length.",
            min = "80")
    int maxParagraphBytes() default 8 << 20;

    @AttributeDefinition(name = "Maximum fields per paragraph", min = "1")
    int maxFields() default 512;
}
