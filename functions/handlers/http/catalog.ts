import type {
  CannedReplyInput, CannedReplyPatch, CannedReplyQuery, CategoryInput, CategoryPatch, CustomFieldInput, CustomFieldPatch,
} from '../../../schemas/catalog';
import {
  createCannedReply, deleteCannedReply, getCannedReply, listCannedReplies, toCannedReplyView, updateCannedReply,
} from '../../domain/catalog/manage-canned-replies';
import {
  createCategory, deleteCategory, getCategory, listCategories, toCategoryView, updateCategory,
} from '../../domain/catalog/manage-categories';
import {
  createCustomField, deleteCustomField, listCustomFields, toCustomFieldView, updateCustomField,
} from '../../domain/catalog/manage-custom-fields';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type CategoryParams = { categoryId: string };
type FieldParams = { fieldId: string };
type ReplyParams = { cannedReplyId: string };

export const handler = routeGroup('catalog', {
  createCategory: async ({ caller, body }: ParsedRequest<CategoryInput>) => {
    const category = await createCategory(deps, caller, body);
    return { status: 201, body: toCategoryView(category), headers: { location: `/v1/categories/${category.categoryId}` } };
  },
  listCategories: async ({ caller }) => ({ status: 200, body: { items: (await listCategories(deps, caller)).map(toCategoryView) } }),
  getCategory: async ({ caller, params }: ParsedRequest<unknown, unknown, CategoryParams>) => ({
    status: 200, body: toCategoryView(await getCategory(deps, caller.orgId, params.categoryId)),
  }),
  updateCategory: async ({ caller, params, body }: ParsedRequest<CategoryPatch, unknown, CategoryParams>) => ({
    status: 200, body: toCategoryView(await updateCategory(deps, caller, params.categoryId, body)),
  }),
  deleteCategory: async ({ caller, params }: ParsedRequest<unknown, unknown, CategoryParams>) => {
    await deleteCategory(deps, caller, params.categoryId);
    return { status: 204 };
  },

  createCustomField: async ({ caller, body }: ParsedRequest<CustomFieldInput>) => {
    const field = await createCustomField(deps, caller, body);
    return { status: 201, body: toCustomFieldView(field), headers: { location: `/v1/custom-fields/${field.fieldId}` } };
  },
  listCustomFields: async ({ caller }) => ({ status: 200, body: { items: (await listCustomFields(deps, caller)).map(toCustomFieldView) } }),
  updateCustomField: async ({ caller, params, body }: ParsedRequest<CustomFieldPatch, unknown, FieldParams>) => ({
    status: 200, body: toCustomFieldView(await updateCustomField(deps, caller, params.fieldId, body)),
  }),
  deleteCustomField: async ({ caller, params }: ParsedRequest<unknown, unknown, FieldParams>) => {
    await deleteCustomField(deps, caller, params.fieldId);
    return { status: 204 };
  },

  createCannedReply: async ({ caller, body }: ParsedRequest<CannedReplyInput>) => {
    const reply = await createCannedReply(deps, caller, body);
    return { status: 201, body: toCannedReplyView(reply), headers: { location: `/v1/canned-replies/${reply.cannedReplyId}` } };
  },
  listCannedReplies: async ({ caller, query }: ParsedRequest<unknown, CannedReplyQuery>) => ({
    status: 200, body: { items: (await listCannedReplies(deps, caller, query)).map(toCannedReplyView) },
  }),
  getCannedReply: async ({ caller, params }: ParsedRequest<unknown, unknown, ReplyParams>) => ({
    status: 200, body: toCannedReplyView(await getCannedReply(deps, caller, params.cannedReplyId)),
  }),
  updateCannedReply: async ({ caller, params, body }: ParsedRequest<CannedReplyPatch, unknown, ReplyParams>) => ({
    status: 200, body: toCannedReplyView(await updateCannedReply(deps, caller, params.cannedReplyId, body)),
  }),
  deleteCannedReply: async ({ caller, params }: ParsedRequest<unknown, unknown, ReplyParams>) => {
    await deleteCannedReply(deps, caller, params.cannedReplyId);
    return { status: 204 };
  },
});
