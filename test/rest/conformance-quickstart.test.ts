import { useTestDatabase } from "../support/db.js";
import { describeConformance } from "./fixtures/conformance.js";
import { models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);
describeConformance("quickstart.json", 82);
