import { useTestDatabase } from "../support/db.js";
import { describeConformance } from "./fixtures/conformance.js";
import { models } from "./fixtures/relationships-models.js";

useTestDatabase(models);
describeConformance("rel_one_to_one.json", 38);
