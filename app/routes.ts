import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/language-redirect.tsx"),
  route("healthz", "routes/healthz.ts"),
  route(":lang", "routes/lang-layout.tsx", [
    index("routes/home.tsx"),
    route("accessibility", "routes/accessibility.tsx"),
    route("plans", "routes/plans.tsx"),
    route("plans/:planCode", "routes/plan.tsx"),
    route("plans/:planCode/themes/:themeCode", "routes/plan-theme.tsx"),
    route("login", "routes/login.tsx"),
    route("login/confirm", "routes/login-confirm.tsx"),
    route("logout", "routes/logout.tsx"),
    layout("routes/authenticated-layout.tsx", [
      ...prefix("partner", [
        index("routes/partner-home.tsx"),
        route("organisations/:organisationId", "routes/partner-organisation.tsx"),
        route("returns/:returnId", "routes/return-task-list.tsx"),
        route("returns/:returnId/sections/:sectionId", "routes/return-section.tsx"),
        route("returns/:returnId/contributions/new", "routes/return-add-contribution.tsx"),
        route(
          "returns/:returnId/contributions/:sectionId/remove",
          "routes/return-remove-contribution.tsx",
        ),
        route("returns/:returnId/check", "routes/return-check.tsx"),
        route("returns/:returnId/confirmation", "routes/return-confirmation.tsx"),
        route("returns/:returnId/print", "routes/return-print.tsx"),
        route("returns/:returnId/attachments/:attachmentId", "routes/return-attachment.tsx"),
      ]),
      ...prefix("staff", [
        route("partners", "routes/staff-partners.tsx"),
        route("partners/:organisationId", "routes/staff-partner.tsx"),
        route("outbox", "routes/staff-outbox.tsx"),
        route("campaigns", "routes/staff-campaigns.tsx"),
        route("campaigns/new", "routes/staff-campaign-new.tsx"),
        route("campaigns/:campaignId", "routes/staff-campaign.tsx"),
        route("returns/:returnId", "routes/staff-return.tsx"),
      ]),
    ]),
    route("dev/mailbox", "routes/dev-mailbox.tsx"),
    route("dev/mailbox/:emailId", "routes/dev-mailbox-email.tsx"),
    route("*", "routes/lang-not-found.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
