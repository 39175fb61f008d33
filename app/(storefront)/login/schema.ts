import { z } from "zod";
import { messageCode } from "@/i18n/message-code";
import { emailMessages, normaliseEmail } from "@/lib/shops/registration-form";

export const signInSchema = z.object({
  email: z.string().trim().min(1, emailMessages.empty).max(320, messageCode("tooLong", { max: 320 })).transform(normaliseEmail),
  password: z.string().min(1, messageCode("enterPassword")).max(1024, messageCode("tooLong", { max: 1024 })),
});
