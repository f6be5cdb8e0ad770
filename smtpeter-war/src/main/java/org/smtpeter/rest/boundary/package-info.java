/**
 * The REST API's frame under {@code /api/v1}: the JAX-RS application, bearer-token authentication
 * (the admin token or an account's token, known to each request as its
 * {@link org.smtpeter.rest.boundary.Caller}), paging and time parameters, and JSON errors. The
 * resources themselves live in the boundaries of their components.
 */
package org.smtpeter.rest.boundary;
