import {
  createCannedReply, deleteCannedReply, getCannedReply, listCannedReplies, toCannedReplyView, updateCannedReply,
} from '../../domain/catalog/manage-canned-replies';
import {
  createCategory, deleteCategory, getCategory, listCategories, toCategoryView, updateCategory,
} from '../../domain/catalog/manage-categories';
import {
  createCustomField, deleteCustomField, listCustomFields, toCustomFieldView, updateCustomField,
} from '../../domain/catalog/manage-custom-fields';
import { TEAM_ROUTES } from '../../manifest/features/team';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('catalog', TEAM_ROUTES, {
  createCategory: async ({ caller, body }, { deps }) => {
    const category = await createCategory(deps, caller, body);
    return { status: 201, body: toCategoryView(category), headers: { location: `/v1/categories/${category.categoryId}` } };
  },
  listCategories: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listCategories(deps, caller)).map(toCategoryView) } }),
  getCategory: async ({ caller, params }, { deps }) => ({
    status: 200, body: toCategoryView(await getCategory(deps, caller.orgId, params.categoryId)),
  }),
  updateCategory: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toCategoryView(await updateCategory(deps, caller, params.categoryId, body)),
  }),
  deleteCategory: async ({ caller, params }, { deps }) => {
    await deleteCategory(deps, caller, params.categoryId);
    return { status: 204 };
  },

  createCustomField: async ({ caller, body }, { deps }) => {
    const field = await createCustomField(deps, caller, body);
    return { status: 201, body: toCustomFieldView(field), headers: { location: `/v1/custom-fields/${field.fieldId}` } };
  },
  listCustomFields: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listCustomFields(deps, caller)).map(toCustomFieldView) } }),
  updateCustomField: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toCustomFieldView(await updateCustomField(deps, caller, params.fieldId, body)),
  }),
  deleteCustomField: async ({ caller, params }, { deps }) => {
    await deleteCustomField(deps, caller, params.fieldId);
    return { status: 204 };
  },

  createCannedReply: async ({ caller, body }, { deps }) => {
    const reply = await createCannedReply(deps, caller, body);
    return { status: 201, body: toCannedReplyView(reply), headers: { location: `/v1/canned-replies/${reply.cannedReplyId}` } };
  },
  listCannedReplies: async ({ caller, query }, { deps }) => ({
    status: 200, body: { items: (await listCannedReplies(deps, caller, query)).map(toCannedReplyView) },
  }),
  getCannedReply: async ({ caller, params }, { deps }) => ({
    status: 200, body: toCannedReplyView(await getCannedReply(deps, caller, params.cannedReplyId)),
  }),
  updateCannedReply: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toCannedReplyView(await updateCannedReply(deps, caller, params.cannedReplyId, body)),
  }),
  deleteCannedReply: async ({ caller, params }, { deps }) => {
    await deleteCannedReply(deps, caller, params.cannedReplyId);
    return { status: 204 };
  },
});
