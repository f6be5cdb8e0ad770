/**
 * The JCA face of the adapter: activation of listeners by MDBs, configuration, and calls
 * into endpoints. One activation per listener role; the socket is bound in
 * {@code endpointActivation} and closed in {@code endpointDeactivation}. A port that is taken
 * does not fail the activation (Payara would leave the application undeployed and still report
 * itself healthy); the listener reports it to {@link org.smtpeter.smtp.api.ListenerStates}, which
 * the health checks read through the administered object {@code AdapterStatusObject}, and keeps
 * trying to bind.
 */
package org.smtpeter.smtp.adapter;
