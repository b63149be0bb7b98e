/** Web Console plugins; nothing here is exported. */
package org.debswarm.webconsole.internal;
