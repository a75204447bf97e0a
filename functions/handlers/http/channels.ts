import { createChannel, deleteChannel, getChannel, listChannels, toChannelView, updateChannel } from '../../domain/meta/manage-channels';
import { META_ROUTES } from '../../manifest/features/meta';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('channels', META_ROUTES, {
  createChannel: async ({ caller, body }, { deps, ports }) => {
    const channel = await createChannel(deps, ports.secrets, caller.orgId, body);
    return { status: 201, body: toChannelView(channel), headers: { location: `/v1/channels/${channel.channelId}` } };
  },
  listChannels: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listChannels(deps, caller.orgId)).map(toChannelView) } }),
  getChannel: async ({ caller, params }, { deps }) => ({ status: 200, body: toChannelView(await getChannel(deps, caller.orgId, params.channelId)) }),
  updateChannel: async ({ caller, params, body }, { deps, ports }) => ({
    status: 200,
    body: toChannelView(await updateChannel(deps, ports.secrets, caller.orgId, params.channelId, body)),
  }),
  deleteChannel: async ({ caller, params }, { deps }) => {
    await deleteChannel(deps, caller.orgId, params.channelId);
    return { status: 204 };
  },
});
