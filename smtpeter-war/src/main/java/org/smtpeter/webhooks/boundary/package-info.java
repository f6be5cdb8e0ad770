/**
 * Boundary of the webhooks: the REST resource of an account's endpoints, their secrets (shown
 * once), test events and delivery logs; account tokens reach only their own account's.
 */
package org.smtpeter.webhooks.boundary;
