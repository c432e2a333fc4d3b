import { LocaleSettings } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { useKentix } from "./support";

const kentix = useKentix();

describeSettings(kentix, {
  resource: LocaleSettings,
  setting: "locale",
  path: "/api/locale",
  declared: { language: "de", temperatureUnit: "C" },
  createBody: { language: "de" },
  restoreValues: { language: "en", temperatureUnit: "C" },
  change: [{ temperatureUnit: "F" }, { temperature_unit: "F" }],
  drift: [{ language: "fr" }, { language: "fr", temperatureUnit: "C" }],
  restoreBody: { language: "en", temperature_unit: "C" },
  bad: [
    [{ language: "nl" }, ["language"]],
    [{ language: "DE", temperatureUnit: "K" }, ["language", "temperatureUnit"]],
  ],
});
