/** The guard's preprocessors and the activator that registers them; nothing here is exported. */
package org.debswarm.consoleguard.internal;
