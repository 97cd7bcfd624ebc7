// Compile-time checks of the installed declarations (never run): inferred instance types.
import type { PkValue, Related } from "torest";
import { Student, System } from "./models.js";

export async function typed(): Promise<void> {
  const student: Student = await Student.objects.get({ pk: 1 });
  const name: string = student.name;
  const system: System | null = await System.objects.filter({ student__name__startswith: name }).first();
  if (system) {
    const key: PkValue | null = system.student_id;
    const related: Related<Student | null> = system.student;
    void key;
    void related;
    // @ts-expect-error a CharField value is a string
    const wrong: number = system.location;
    void wrong;
  }
  // @ts-expect-error maxLength is required on CharField
  await import("torest").then(({ CharField }) => CharField({}));
}
