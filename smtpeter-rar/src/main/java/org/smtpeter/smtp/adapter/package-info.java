/**
 * The JCA face of the adapter: activation of listeners by MDBs, configuration, and calls
 * into endpoints. One activation per listener role; the socket is bound in
 * {@code endpointActivation} (a port conflict fails the deployment) and closed in
 * {@code endpointDeactivation}.
 */
package org.smtpeter.smtp.adapter;
