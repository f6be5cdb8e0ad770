/**
 * What the dashboard pages need beyond the control classes of the other components, kept free of
 * Faces so it can be unit-tested: paging ({@link org.smtpeter.dashboard.control.Slice}), UTC times
 * for display and inputs ({@link org.smtpeter.dashboard.control.UtcTimes}) and the charts' data
 * ({@link org.smtpeter.dashboard.control.StatisticsCharts}).
 */
package org.smtpeter.dashboard.control;
