import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { defaultLanguage, isLanguage } from "~/modules/i18n/languages";
import { loadStrings } from "~/modules/i18n/strings";

// The strings of the page's language only (a chunk of their own), before hydration renders.
const lang = document.documentElement.lang;
void loadStrings(isLanguage(lang) ? lang : defaultLanguage).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  }),
);
