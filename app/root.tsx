import { useMemo } from "react";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { PageTitle } from "~/components/ui/page-title";
import { getCurrentUser } from "~/modules/auth/session.server";
import { can, isStaff } from "~/modules/auth/permissions";
import { pageTranslator } from "~/modules/i18n/i18n";
import {
  defaultLanguage,
  detectLanguage,
  isLanguage,
  type Language,
} from "~/modules/i18n/languages";
import { rememberedLanguage, rememberLanguage } from "~/modules/i18n/language-cookie.server";
import { loadStrings } from "~/modules/i18n/strings";
import { TranslatorContext, useT } from "~/modules/i18n/use-t";
import { stringsChunkUrl } from "~/modules/i18n/strings-chunks.server";
import { env } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce";
import stylesheet from "./styles/app.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const remembered = await rememberedLanguage(request);
  const fromUrl = isLanguage(params.lang) ? params.lang : undefined;
  const lang = fromUrl ?? detectLanguage(remembered, request.headers.get("accept-language"));
  const current = await getCurrentUser(request);
  const headers = new Headers();
  // Remember the language chosen through the URL for the next visit to "/".
  if (fromUrl && detectLanguage(remembered, null) !== fromUrl) {
    headers.append("Set-Cookie", await rememberLanguage(fromUrl));
  }
  return data(
    {
      lang,
      user: current
        ? {
            displayName: current.user.displayName,
            isStaff: isStaff(current.roles),
            isAdmin: can(current.roles, "staff:manage-users"),
            isPartner: current.roles.includes("PARTNER_MEMBER"),
          }
        : null,
      devMailbox: env.devMailboxEnabled,
      stringsChunk: stringsChunkUrl(lang),
    },
    { headers },
  );
}

/**
 * Client navigations: the page's strings are a chunk per language, loaded (once) before a page in
 * that language renders; the first page's are loaded by entry.client.tsx before hydration.
 */
export async function clientLoader({ serverLoader, params }: Route.ClientLoaderArgs) {
  const [serverData] = await Promise.all([
    serverLoader(),
    isLanguage(params.lang) ? loadStrings(params.lang) : undefined,
  ]);
  await loadStrings(serverData.lang);
  return serverData;
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

function langFromPath(pathname: string): Language {
  const first = pathname.split("/")[1];
  return isLanguage(first) ? first : defaultLanguage;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const lang = rootData?.lang ?? langFromPath(location.pathname);
  const nonce = useNonce();
  const translator = useMemo(() => pageTranslator(lang), [lang]);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {rootData?.stringsChunk ? (
          <link rel="modulepreload" href={rootData.stringsChunk} nonce={nonce} />
        ) : null}
      </head>
      <body>
        <TranslatorContext value={translator}>
          <SiteHeader
            lang={lang}
            user={rootData?.user ?? null}
            devMailbox={rootData?.devMailbox ?? false}
          />
          <div className="page-width">
            <main id="main-content" tabIndex={-1}>
              {children}
            </main>
          </div>
          <SiteFooter lang={lang} />
        </TranslatorContext>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const keys: Partial<Record<number, "badRequest" | "notFound" | "payloadTooLarge">> = {
    400: "badRequest",
    404: "notFound",
    413: "payloadTooLarge",
  };
  const key = keys[status] ?? "serverError";
  return (
    <>
      <PageTitle title={t(`errors.${key}.title`)} />
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
    </>
  );
}
