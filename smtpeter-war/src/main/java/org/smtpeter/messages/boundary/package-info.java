/** What the REST resources of every component that lists mail share about messages: the tag parameter. */
package org.smtpeter.messages.boundary;
