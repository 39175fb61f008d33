import { describe, expect, it } from "vitest";
import { clientAddress, cookiesOf, decodeEntities, hiddenFields, hiddenFieldsOfFormWith, multipart } from "./http";

const page = `<form action="/search"><input name="q"/></form>
<form action="" method="POST" encType="multipart/form-data"><input type="hidden" name="$ACTION_REF_1"/>
<input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;7f3a&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>
<input type="hidden" name="$ACTION_KEY" value='k&#x27;12&amp;3'/><input type="email" name="email" value="a@b.c"/>
<input name="password" type="password"/></form>`;

describe("the no-JavaScript form", () => {
  it("hidden fields of the form that has the field, decoded as a browser would post them", () => {
    expect(hiddenFields(page, "password")).toEqual({
      $ACTION_REF_1: "",
      "$ACTION_1:0": '{"id":"7f3a","bound":"$@1"}',
      $ACTION_KEY: "k'12&3",
    });
    expect(hiddenFields(page, "q")).toEqual({});
    expect(() => hiddenFields(page, "token")).toThrow(/No form with a field "token"/);
  });

  it("finds a form without named fields by its button's label", () => {
    const withSignOut = `${page}<form action="" method="POST"><input type="hidden" name="$ACTION_ID_9c"/><button type="submit">Sign out</button></form>`;
    expect(hiddenFieldsOfFormWith(withSignOut, ">Sign out<")).toEqual({ $ACTION_ID_9c: "" });
    expect(() => hiddenFieldsOfFormWith(page, ">Sign out<")).toThrow(/No form with the text ">Sign out<"/);
  });

  it("decodes named, decimal and hexadecimal references and leaves unknown ones", () => {
    expect(decodeEntities("&lt;a&gt; &#65;&#x42; &unknown; &amp;amp;")).toBe("<a> AB &unknown; &amp;");
  });

  it("posts multipart/form-data with the boundary it announces", () => {
    const { body, contentType } = multipart({ email: "a@b.c", "$ACTION_1:0": "{}" }, "XYZ");
    expect(contentType).toBe("multipart/form-data; boundary=XYZ");
    expect(body.toString()).toBe(
      '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="$ACTION_1:0"\r\n\r\n{}\r\n--XYZ--\r\n',
    );
  });

  it("FormData on the other side reads it back", async () => {
    const { body, contentType } = multipart({ email: "a@b.c", password: "p ä ss" });
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    expect(Object.fromEntries(form)).toEqual({ email: "a@b.c", password: "p ä ss" });
  });
});

describe("cookies and addresses", () => {
  it("turns Set-Cookie headers into one Cookie header", () => {
    expect(cookiesOf({ headers: { "set-cookie": ["admin.session=abc; Path=/admin; HttpOnly", "admin.csrf=x; Path=/admin"] } })).toBe(
      "admin.session=abc; admin.csrf=x",
    );
    expect(cookiesOf({ headers: {} })).toBe("");
  });

  it("gives every number its own address", () => {
    expect(clientAddress(0)).toBe("10.0.0.0");
    expect(clientAddress((1 << 16) + 258)).toBe("10.1.1.2");
    expect(new Set(Array.from({ length: 70_000 }, (_, n) => clientAddress(n))).size).toBe(70_000);
  });
});
