/**
 * The dashboard's users. The table is read with plain SQL by the identity store, so its name and
 * columns are a contract (see {@link org.smtpeter.users.entity.DashboardUser}).
 */
package org.smtpeter.users.entity;
