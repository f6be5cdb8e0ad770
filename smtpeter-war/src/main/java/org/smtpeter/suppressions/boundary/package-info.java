/** Boundary of suppression lists: the REST resource to list, add and remove an account's suppressed addresses. */
package org.smtpeter.suppressions.boundary;
