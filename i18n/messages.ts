import admin from "@/messages/en/admin.json";
import common from "@/messages/en/common.json";
import confirm from "@/messages/en/confirm.json";
import dashboard from "@/messages/en/dashboard.json";
import forms from "@/messages/en/forms.json";
import secondFactor from "@/messages/en/secondFactor.json";
import signIn from "@/messages/en/signIn.json";
import storefront from "@/messages/en/storefront.json";
import validation from "@/messages/en/validation.json";

/**
 * The English catalogue, one file per area under messages/en/ so that work on different areas never touches the same
 * file. Every string a person sees that was written since issue 13 comes from here (next-intl); the rest moves here
 * with the languages of issue 14.
 */
export const englishMessages = { admin, common, confirm, dashboard, forms, secondFactor, signIn, storefront, validation };

export type Messages = typeof englishMessages;
