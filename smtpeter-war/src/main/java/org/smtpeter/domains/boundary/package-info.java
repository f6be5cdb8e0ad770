/** The sender domains' REST resource: domains, keys, rotation, DNS records and their check, the account's rule. */
package org.smtpeter.domains.boundary;
