package org.smtpeter.users.boundary;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.smtpeter.users.control.TwoFactor;
import org.smtpeter.users.entity.DashboardUser;

/**
 * Who may see which dashboard page, checked before any page runs (the container has already
 * checked that someone with a dashboard role is logged in):
 * <ul>
 * <li>a person disabled or removed since logging in is logged out at once;</li>
 * <li>the operators' pages are refused (403) to an account's people, and the people pages to members;</li>
 * <li>another account, asked for by {@code ?account=} or by the account page's {@code ?id=},
 * is answered as not found (404), as if it did not exist;</li>
 * <li>someone whose account requires two-factor login and who has none yet gets only the page to set it up.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/dashboard/*")
public class DashboardAccess extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String SECURITY_PAGE = "/dashboard/security.xhtml";
    private static final Set<String> OPERATOR_PAGES = Set.of("/dashboard/accounts.xhtml");
    private static final Set<String> OWNER_PAGES = Set.of("/dashboard/users.xhtml", "/dashboard/audit.xhtml");
    private static final Set<String> ALWAYS_OPEN = Set.of(SECURITY_PAGE, "/dashboard/password.xhtml");

    @Inject
    Viewer viewer;

    @Inject
    TwoFactor twoFactor;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) {
            chain.doFilter(request, response); // the container's constraint sends the caller to the login page
            return;
        }
        Optional<DashboardUser> user = viewer.user();
        if (user.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            request.logout();
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
            return;
        }
        String page = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        DashboardUser person = user.get();
        if (!person.isOperator()) {
            if (OPERATOR_PAGES.contains(page) || (OWNER_PAGES.contains(page) && !person.isOwner())) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "This page is not for your role.");
                return;
            }
            if (foreign(request.getParameter("account"), person) || (page.equals("/dashboard/account.xhtml")
                    && foreign(request.getParameter("id"), person))) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such account.");
                return;
            }
            if (!person.hasTwoFactor() && !ALWAYS_OPEN.contains(page) && !page.startsWith("/dashboard/jakarta.faces.resource")
                    && twoFactor.isRequired(person.getAccountId())) {
                response.sendRedirect(request.getContextPath() + SECURITY_PAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean foreign(String requested, DashboardUser person) {
        return requested != null && !requested.isBlank() && !requested.strip().equals(String.valueOf(person.getAccountId()));
    }
}
