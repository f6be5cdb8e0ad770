/**
 * Starting the relay, or refusing to: every setting of the adapter and of the application is
 * checked before anything binds or writes, all problems are reported together, one line each, and
 * a relay that cannot start ends its process instead of lingering half deployed (Payara Micro
 * keeps running and says "ready" when an application failed to deploy).
 */
package org.smtpeter.startup.control;
