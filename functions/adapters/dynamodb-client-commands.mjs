// What a deployed bundle takes for `@aws-sdk/client-dynamodb` (the stack aliases the package to
// this file: BUNDLE_ALIASES in lib/constructs/handler-function.ts). ElectroDB `require`s
// lib-dynamodb, so esbuild bundles lib-dynamodb and all it imports as lazily initialised modules,
// whose re-exports it cannot tree-shake: through the package's index, every bundle carried, and
// evaluated at each cold start, all of DynamoDB's commands, the aggregated `DynamoDB` client, its
// paginators and waiters. This file is the client and the commands lib-dynamodb wraps (the only
// ones a function sends), with the service's errors and enums; a bundle importing anything else
// from the package fails to build.
// Plain JavaScript because the SDK's `dist-es` files have no type declarations; tests and the
// local runtime do not bundle, and import the package itself.
export { DynamoDBClient } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js';
export { DynamoDBServiceException } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/models/DynamoDBServiceException.js';
export * from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/models/errors.js';
export * from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/models/enums.js';
export { BatchExecuteStatementCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/BatchExecuteStatementCommand.js';
export { BatchGetItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/BatchGetItemCommand.js';
export { BatchWriteItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/BatchWriteItemCommand.js';
export { DeleteItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/DeleteItemCommand.js';
export { DescribeExportCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/DescribeExportCommand.js';
export { ExecuteStatementCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/ExecuteStatementCommand.js';
export { ExecuteTransactionCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/ExecuteTransactionCommand.js';
export { ExportTableToPointInTimeCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/ExportTableToPointInTimeCommand.js';
export { GetItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/GetItemCommand.js';
export { PutItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/PutItemCommand.js';
export { QueryCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/QueryCommand.js';
export { ScanCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/ScanCommand.js';
export { SearchVectorsCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/SearchVectorsCommand.js';
export { TransactGetItemsCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/TransactGetItemsCommand.js';
export { TransactWriteItemsCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/TransactWriteItemsCommand.js';
export { UpdateItemCommand } from '../../node_modules/@aws-sdk/client-dynamodb/dist-es/commands/UpdateItemCommand.js';
