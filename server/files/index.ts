// The file mechanism in one import: stores, uploads, signed links, sending. See docs/files.md.
export { DOWNLOAD_ROUTE, createDownloadLinks, loadLinkKeys, type DownloadLink, type DownloadLinks, type LinkKey } from './links.js';
export { asciiFallback, cleanFileName, contentDisposition, MAX_FILE_NAME_BYTES } from './names.js';
export { filesPlugin, type FilesPluginOptions } from './plugin.js';
export { parseRange, sendFile, type SendableFile } from './send.js';
export { FILE_TYPE_IDS, FILE_TYPES, type FileTypeId } from './sniff.js';
export {
  createFileStore,
  type ByteRange,
  type DownloadUrlInput,
  type FileStore,
  type FileStoreOptions,
  type PutOptions,
  type PutSource,
  type StoredFile,
} from './store.js';
export { sweepTempFiles } from './temp.js';
export { discardUpload, multipartSupport, receiveUpload, withUploadCleanup, type ReceivedUpload, type UploadField, type UploadOptions } from './upload.js';
