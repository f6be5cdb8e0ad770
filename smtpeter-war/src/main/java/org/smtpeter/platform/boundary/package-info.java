/**
 * Plumbing shared by every REST resource: who is calling ({@link org.smtpeter.platform.boundary.Caller}),
 * paging and time parameters. It lies below all components so that their resources do not
 * depend on the REST application that lists them.
 */
package org.smtpeter.platform.boundary;
