import { z } from "zod";
import { normaliseEmail } from "@/lib/shops/registration-form";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(320, "Use at most 320 characters.").transform(normaliseEmail),
  password: z.string().min(1, "Enter your password.").max(1024, "Use at most 1024 characters."),
});
