import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { onWillStart } from "@odoo/owl";

/**
 * The form of an outgoing document. Its extra fields are defined on the document type, which
 * only administrators may change: "Edit Properties" is offered only to whoever may change the
 * type, instead of failing with a warning for everyone else.
 */
export class GovDocumentFormController extends FormController {
    setup() {
        super.setup();
        this.canEditFormFields = false;
        onWillStart(async () => {
            this.canEditFormFields = await user.checkAccessRight("gov.document.type", "write");
        });
    }

    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems();
        if (items.addPropertyFieldValue) {
            const isAvailable = items.addPropertyFieldValue.isAvailable;
            items.addPropertyFieldValue.isAvailable = () => this.canEditFormFields && isAvailable();
        }
        return items;
    }
}

registry.category("views").add("gov_document_form", {
    ...formView,
    Controller: GovDocumentFormController,
});
