/**
 * JPEG File Interchange Format (Wireshark 4.0's file-jpeg.c): an HTTP body of type image/jpeg,
 * image/jpg or image/jfif (or any body that starts like one, by the HTTP heuristic) as its
 * markers and marker segments; Info gets ` (JPEG JFIF image)`.
 *
 * As in Wireshark 4.0:
 * - a body is taken when it has at least 20 bytes, starts with SOI (ff d8) and has "JFIF\0" or
 *   "Exif\0" at offset 6; with "Exif\0" there, the first APP1 identifier gets a warning;
 * - between markers, bytes up to the next ff that is not ff 00 are an "entropy-coded segment",
 *   extra ff bytes before a marker are "fill bytes";
 * - APP0 (JFIF, JFXX), APP1 (Exif: the TIFF header and its IFD chain, with the Exif, GPS and
 *   interoperability IFDs it points to), APP2 (FPXR), SOF0..15, SOS and COM are decoded, other
 *   known markers with a length show it and their data, RSTn/SOI/EOI/TEM have no length;
 * - an unknown marker is shown "(Reserved)" and ends the dissection.
 * Wireshark skips the insides of most segments when it builds no tree; Packetloom decodes them in
 * both passes, so the list and the tree agree on a cut image (it is malformed in both).
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { BoundsError } from '../core/errors.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, FT_STRINGZ, type FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { registerMediaType } from './http/media.js';
import { asciiString } from './http/text.js';

export const proto = defineProtocol('image-jfif', 'JPEG File Interchange Format', 'JFIF (JPEG) image', 'application');

const MARKERS = new Map<number, string>([
  [0xff01, 'Reserved - For temporary private use in arithmetic coding'],
  [0xffc0, 'Start of Frame (non-differential, Huffman coding) - Baseline DCT'],
  [0xffc1, 'Start of Frame (non-differential, Huffman coding) - Extended sequential DCT'],
  [0xffc2, 'Start of Frame (non-differential, Huffman coding) - Progressive DCT'],
  [0xffc3, 'Start of Frame (non-differential, Huffman coding) - Lossless (sequential)'],
  [0xffc4, 'Define Huffman table(s)'],
  [0xffc5, 'Start of Frame (differential, Huffman coding) - Differential sequential DCT'],
  [0xffc6, 'Start of Frame (differential, Huffman coding) - Differential progressive DCT'],
  [0xffc7, 'Start of Frame (differential, Huffman coding) - Differential lossless (sequential)'],
  [0xffc8, 'Start of Frame (non-differential, arithmetic coding) - Reserved for JPEG extensions'],
  [0xffc9, 'Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT'],
  [0xffca, 'Start of Frame (non-differential, arithmetic coding) - Progressive DCT'],
  [0xffcb, 'Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)'],
  [0xffcc, 'Define arithmetic coding conditioning(s)'],
  [0xffcd, 'Start of Frame (differential, arithmetic coding) - Differential sequential DCT'],
  [0xffce, 'Start of Frame (differential, arithmetic coding) - Differential progressive DCT'],
  [0xffcf, 'Start of Frame (differential, arithmetic coding) - Differential lossless (sequential)'],
  ...Array.from({ length: 8 }, (_, i): [number, string] => [0xffd0 + i, `Restart interval termination - Restart with modulo 8 count ${i}`]),
  [0xffd8, 'Start of Image'],
  [0xffd9, 'End of Image'],
  [0xffda, 'Start of Scan'],
  [0xffdb, 'Define quantization table(s)'],
  [0xffdc, 'Define number of lines'],
  [0xffdd, 'Define restart interval'],
  [0xffde, 'Define hierarchical progression'],
  [0xffdf, 'Expand reference component(s)'],
  ...Array.from({ length: 16 }, (_, i): [number, string] => [0xffe0 + i, `Reserved for application segments - ${i}`]),
  ...Array.from({ length: 14 }, (_, i): [number, string] => [0xfff0 + i, `Reserved for JPEG extensions - ${i}`]),
  [0xfffe, 'Comment'],
]);

const SOI = 0xffd8;
const EOI = 0xffd9;
const SOS = 0xffda;
const COM = 0xfffe;
const APP0 = 0xffe0;
const APP1 = 0xffe1;
const APP2 = 0xffe2;

/** Markers that stand alone, without a length and a segment (TEM, RSTn, SOI, EOI). */
function hasLength(marker: number): boolean {
  return !(marker === 0xff01 || marker === SOI || marker === EOI || (marker >= 0xffd0 && marker <= 0xffd7));
}

/** SOF0..SOF15 but DHT (c4), JPG (c8 is SOF8 here, as in Wireshark) and DAC (cc). */
function isSof(marker: number): boolean {
  return marker >= 0xffc0 && marker <= 0xffcf && marker !== 0xffc4 && marker !== 0xffcc;
}

/** Tags of the main IFD that point to another IFD. */
const EXIF_IFD = 0x8769;
const GPS_IFD = 0x8825;
const INTEROP_IFD = 0xa005;
const IFD_TAGS: Record<number, string> = {
  0x0100: 'ImageWidth', 0x0101: 'ImageLength', 0x0102: 'BitsPerSample', 0x0103: 'Compression', 0x0106: 'PhotometricInterpretation',
  0x0112: 'Orientation', 0x0115: 'SamplesPerPixel', 0x011c: 'PlanarConfiguration', 0x0212: 'YCbCrSubSampling', 0x0213: 'YCbCrPositioning',
  0x011a: 'XResolution', 0x011b: 'YResolution', 0x0128: 'ResolutionUnit', 0x0111: 'StripOffsets', 0x0116: 'RowsPerStrip',
  0x0117: 'StripByteCounts', 0x0201: 'JPEGInterchangeFormat', 0x0202: 'JPEGInterchangeFormatLength', 0x012d: 'TransferFunction',
  0x013e: 'WhitePoint', 0x013f: 'PrimaryChromaticities', 0x0211: 'YCbCrCoefficients', 0x0214: 'ReferenceBlackWhite', 0x0132: 'DateTime',
  0x010e: 'ImageDescription', 0x010f: 'Make', 0x0110: 'Model', 0x0131: 'Software', 0x013b: 'Artist', 0x8298: 'Copyright',
  [EXIF_IFD]: 'Exif IFD Pointer', [GPS_IFD]: 'GPS IFD Pointer', [INTEROP_IFD]: 'Interoperability IFD Pointer',
};

const EXIF_TAGS: Record<number, string> = {
  0x9000: 'ExifVersion', 0xa000: 'FlashpixVersion', 0xa001: 'ColorSpace', 0xa500: 'Gamma', 0x9101: 'ComponentsConfiguration',
  0x9102: 'CompressedBitsPerPixel', 0xa002: 'PixelXDimension', 0xa003: 'PixelYDimension', 0x927c: 'MakerNote', 0x9286: 'UserComment',
  0xa004: 'RelatedSoundFile', 0x9003: 'DateTimeOriginal', 0x9004: 'DateTimeDigitized', 0x9010: 'OffsetTime', 0x9011: 'OffsetTimeOriginal',
  0x9012: 'OffsetTimeDigitized', 0x9290: 'SubSecTime', 0x9291: 'SubSecTimeOriginal', 0x9292: 'SubSecTimeDigitized', 0x829a: 'ExposureTime',
  0x829d: 'FNumber', 0x8822: 'ExposureProgram', 0x8824: 'SpectralSensitivity', 0x8827: 'PhotographicSensitivity', 0x8828: 'OECF',
  0x8830: 'SensitivityType', 0x8831: 'StandardOutputSensitivity', 0x8832: 'RecommendedExposureIndex', 0x8833: 'ISOSpeed',
  0x8834: 'ISOSpeedLatitudeyyy', 0x8835: 'ISOSpeedLatitudezzz', 0x9201: 'ShutterSpeedValue', 0x9202: 'ApertureValue', 0x9203: 'BrightnessValue',
  0x9204: 'ExposureBiasValue', 0x9205: 'MaxApertureValue', 0x9206: 'SubjectDistance', 0x9207: 'MeteringMode', 0x9208: 'LightSource',
  0x9209: 'Flash', 0x920a: 'FocalLength', 0x9214: 'SubjectArea', 0xa20b: 'FlashEnergy', 0xa20c: 'SpatialFrequencyResponse',
  0xa20e: 'FocalPlaneXResolution', 0xa20f: 'FocalPlaneYResolution', 0xa210: 'FocalPlaneResolutionUnit', 0xa214: 'SubjectLocation',
  0xa215: 'ExposureIndex', 0xa217: 'SensingMethod', 0xa300: 'FileSource', 0xa301: 'SceneType', 0xa302: 'CFAPattern', 0xa401: 'CustomRendered',
  0xa402: 'ExposureMode', 0xa403: 'WhiteBalance', 0xa404: 'DigitalZoomRatio', 0xa405: 'FocalLengthIn35mmFilm', 0xa406: 'SceneCaptureType',
  0xa407: 'GainControl', 0xa408: 'Contrast', 0xa409: 'Saturation', 0xa40a: 'Sharpness', 0xa40b: 'DeviceSettingDescription',
  0xa40c: 'SubjectDistanceRange', 0xa460: 'CompositeImage', 0xa461: 'SourceImageNumberOfCompositeImage',
  0xa462: 'SourceExposureTimesOfCompositeImage', 0x9400: 'Temperature', 0x9401: 'Humidity', 0x9402: 'Pressure', 0x9403: 'WaterDepth',
  0x9404: 'Acceleration', 0x9405: 'CameraElevationAngle', 0xa420: 'ImageUniqueID', 0xa430: 'CameraOwnerName', 0xa431: 'BodySerialNumber',
  0xa432: 'LensSpecification', 0xa433: 'LensMake', 0xa434: 'LensModel', 0xa435: 'LensSerialNumber',
};

const GPS_TAGS: Record<number, string> = Object.fromEntries(
  ['GPSVersionID', 'GPSLatitudeRef', 'GPSLatitude', 'GPSLongitudeRef', 'GPSLongitude', 'GPSAltitudeRef', 'GPSAltitude', 'GPSTimeStamp',
    'GPSSatellites', 'GPSStatus', 'GPSMeasureMode', 'GPSDOP', 'GPSSpeedRef', 'GPSSpeed', 'GPSTrackRef', 'GPSTrack', 'GPSImgDirectionRef',
    'GPSImgDirection', 'GPSMapDatum', 'GPSDestLatitudeRef', 'GPSDestLatitude', 'GPSDestLongitudeRef', 'GPSDestLongitude', 'GPSDestBearingRef',
    'GPSDestBearing', 'GPSDestDistanceRef', 'GPSDestDistance', 'GPSProcessingMethod', 'GPSAreaInformation', 'GPSDateStamp', 'GPSDifferential',
    'GPSHPositioningError'].map((n, i) => [i, n]),
);

const hfMarker = defineField('image-jfif.marker', 'Marker', 'uint16', { base: 'hex', vals: MARKERS, blurb: 'JFIF Marker' });
const hfSegment = defineField('image-jfif.marker_segment', 'Marker segment', 'none');
const hfLen = defineField('image-jfif.length', 'Length', 'uint16', { blurb: 'Length of segment (including length field)' });
const hfIdentifier = defineField('image-jfif.identifier', 'Identifier', 'string', { ftenum: FT_STRINGZ, blurb: 'Identifier of the segment' });
const hfVersion = defineField('image-jfif.version', 'Version', 'none', { blurb: 'JFIF Version' });
const hfVersionMajor = defineField('image-jfif.version.major', 'Major Version', 'uint8', { blurb: 'JFIF Major Version' });
const hfVersionMinor = defineField('image-jfif.version.minor', 'Minor Version', 'uint8', { blurb: 'JFIF Minor Version' });
const hfUnits = defineField('image-jfif.units', 'Units', 'uint8', {
  vals: { 0: 'No units; Xdensity and Ydensity specify the pixel aspect ratio', 1: 'Dots per inch', 2: 'Dots per centimeter' },
  blurb: 'Units used in this segment',
});
const hfXdensity = defineField('image-jfif.Xdensity', 'Xdensity', 'uint16', { blurb: 'Horizontal pixel density' });
const hfYdensity = defineField('image-jfif.Ydensity', 'Ydensity', 'uint16', { blurb: 'Vertical pixel density' });
const hfXthumbnail = defineField('image-jfif.Xthumbnail', 'Xthumbnail', 'uint16', { blurb: 'Thumbnail horizontal pixel count' });
const hfYthumbnail = defineField('image-jfif.Ythumbnail', 'Ythumbnail', 'uint16', { blurb: 'Thumbnail vertical pixel count' });
const hfRgb = defineField('image-jfif.RGB', 'RGB values of thumbnail pixels', 'bytes', { blurb: 'RGB values of the thumbnail pixels (24 bit per pixel, Xthumbnail x Ythumbnail pixels)' });
const hfExtensionCode = defineField('image-jfif.extension.code', 'Extension code', 'uint8', {
  base: 'hex',
  vals: { 0x10: 'Thumbnail encoded using JPEG', 0x11: 'Thumbnail encoded using 1 byte (8 bits) per pixel', 0x13: 'Thumbnail encoded using 3 bytes (24 bits) per pixel' },
  blurb: 'JFXX extension code for thumbnail encoding',
});
const hfSof = defineField('image-jfif.sof', 'Start of Frame header', 'none');
const hfSofPrecision = defineField('image-jfif.sof.precision', 'Sample Precision (bits)', 'uint8', { blurb: 'Specifies the precision in bits for the samples of the components in the frame.' });
const hfSofLines = defineField('image-jfif.sof.lines', 'Lines', 'uint16', { blurb: 'Specifies the maximum number of lines in the source image.' });
const hfSofSamples = defineField('image-jfif.sof.samples_per_line', 'Samples per line', 'uint16', { blurb: 'Specifies the maximum number of samples per line in the source image.' });
const hfSofNf = defineField('image-jfif.sof.nf', 'Number of image components in frame', 'uint8', { blurb: 'Specifies the number of source image components in the frame.' });
const hfSofC = defineField('image-jfif.sof.c_i', 'Component identifier', 'uint8', { blurb: 'Assigns a unique label to the ith component in the sequence of frame component specification parameters.' });
const hfSofH = defineField('image-jfif.sof.h_i', 'Horizontal sampling factor', 'uint8', { mask: 0xf0, blurb: 'Specifies the relationship between the component horizontal dimension and maximum image dimension X.' });
const hfSofV = defineField('image-jfif.sof.v_i', 'Vertical sampling factor', 'uint8', { mask: 0x0f, blurb: 'Specifies the relationship between the component vertical dimension and maximum image dimension Y.' });
const hfSofTq = defineField('image-jfif.sof.tq_i', 'Quantization table destination selector', 'uint8', { blurb: 'Specifies one of four possible quantization table destinations from which the quantization table to use for dequantization of DCT coefficients of component Ci is retrieved.' });
const hfSos = defineField('image-jfif.header.sos', 'Start of Segment header', 'none');
const hfSosNs = defineField('image-jfif.sos.ns', 'Number of image components in scan', 'uint8', { blurb: 'Specifies the number of source image components in the scan.' });
const hfSosCs = defineField('image-jfif.sos.component_selector', 'Scan component selector', 'uint8', { blurb: 'Selects which of the Nf image components specified in the frame parameters shall be the jth component in the scan.' });
const hfSosTd = defineField('image-jfif.sos.dc_entropy_selector', 'DC entropy coding table destination selector', 'uint8', { mask: 0xf0, blurb: 'Specifies one of four possible DC entropy coding table destinations from which the entropy table needed for decoding of the DC coefficients of component Csj is retrieved.' });
const hfSosTa = defineField('image-jfif.sos.ac_entropy_selector', 'AC entropy coding table destination selector', 'uint8', { mask: 0x0f, blurb: 'Specifies one of four possible AC entropy coding table destinations from which the entropy table needed for decoding of the AC coefficients of component Csj is retrieved.' });
const hfSosSs = defineField('image-jfif.sos.ss', 'Start of spectral or predictor selection', 'uint8', { blurb: 'In the DCT modes of operation, this parameter specifies the first DCT coefficient in each block in zig-zag order which shall be coded in the scan. This parameter shall be set to zero for the sequential DCT processes. In the lossless mode of operations this parameter is used to select the predictor.' });
const hfSosSe = defineField('image-jfif.sos.se', 'End of spectral selection', 'uint8', { blurb: 'Specifies the last DCT coefficient in each block in zig-zag order which shall be coded in the scan. This parameter shall be set to 63 for the sequential DCT processes. In the lossless mode of operations this parameter has no meaning. It shall be set to zero.' });
const hfSosAh = defineField('image-jfif.sos.ah', 'Successive approximation bit position high', 'uint8', { mask: 0xf0, blurb: 'This parameter specifies the point transform used in the preceding scan (i.e. successive approximation bit position low in the preceding scan) for the band of coefficients specified by Ss and Se. This parameter shall be set to zero for the first scan of each band of coefficients. In the lossless mode of operations this parameter has no meaning. It shall be set to zero.' });
const hfSosAl = defineField('image-jfif.sos.al', 'Successive approximation bit position low or point transform', 'uint8', { mask: 0x0f, blurb: 'In the DCT modes of operation this parameter specifies the point transform, i.e. bit position low, used before coding the band of coefficients specified by Ss and Se. This parameter shall be set to zero for the sequential DCT processes. In the lossless mode of operations, this parameter specifies the point transform, Pt.' });
const hfCommentHeader = defineField('image-jfif.header.comment', 'Comment header', 'none');
const hfComment = defineField('image-jfif.comment', 'Comment', 'string');
const hfRemain = defineField('image-jfif.remain_seg_data', 'Remaining segment data', 'bytes');
const hfEndianness = defineField('image-jfif.endianness', 'Endianness', 'uint16', { base: 'hex' });
const hfStartIfd = defineField('image-jfif.start_ifd_offset', 'Start offset of IFD starting from the TIFF header start', 'uint32');
const hfNextIfd = defineField('image-jfif.next_ifd_offset', 'Offset to next IFD from start of TIFF header', 'uint32');
const hfFlashpix = defineField('image-jfif.exif_flashpix_marker', 'Exif FlashPix APP2 application marker', 'none');
const hfEntropy = defineField('image-jfif.entropy_coded_segment', 'Entropy-coded segment (dissection is not yet implemented)', 'bytes');
const hfFill = defineField('image-jfif.fill_bytes', 'Fill bytes', 'bytes');
/** Registered (a filter may name it) but never set, as in Wireshark 4.0. */
defineField('image-jfif.skipped_tiff_data', 'Skipped data between end of TIFF header and start of IFD', 'bytes');
const hfIfdNumFields = defineField('image-jfif.ifd.num_fields', 'Number of fields in this IFD', 'uint16');
const hfIfdTag = defineField('image-jfif.ifd.tag', 'Tag', 'uint16', { vals: IFD_TAGS });
const hfIfdTagExif = defineField('image-jfif.ifd.tag_exif', 'Tag', 'uint16', { vals: EXIF_TAGS });
const hfIfdTagGps = defineField('image-jfif.ifd.tag_gps', 'Tag', 'uint16', { vals: GPS_TAGS });
const hfIfdTagInterop = defineField('image-jfif.ifd.tag_interop', 'Tag', 'uint16', { vals: { 1: 'InteroperabilityIndex' } });
const hfIfdType = defineField('image-jfif.ifd.type', 'Type', 'uint16', {
  vals: { 1: 'BYTE', 2: 'ASCII', 3: 'SHORT', 4: 'LONG', 5: 'RATIONAL', 7: 'UNDEFINED', 9: 'SLONG', 10: 'SRATIONAL' },
});
const hfIfdCount = defineField('image-jfif.ifd.count', 'Count', 'uint32');
const hfIfdOffset = defineField('image-jfif.ifd.offset', 'Value offset from start of TIFF header', 'uint32');
const hfValueByte = defineField('image-jfif.ifd.value_byte', 'Value', 'uint8');
const hfValueAscii = defineField('image-jfif.ifd.value_ascii', 'Value', 'string');
const hfValueShort = defineField('image-jfif.ifd.value_short', 'Value', 'uint16');
const hfValueLong = defineField('image-jfif.ifd.value_long', 'Value', 'uint32');
const hfValueRational = defineField('image-jfif.ifd.value_rational', 'Value', 'none');
const hfRationalNum = defineField('image-jfif.ifd.value_rational.numerator', 'Numerator', 'uint32');
const hfRationalDen = defineField('image-jfif.ifd.value_rational.denominator', 'Denominator', 'uint32');
const hfValueUndefined = defineField('image-jfif.ifd.value_undefined', 'Value (raw)', 'bytes');
const hfValueSlong = defineField('image-jfif.ifd.value_slong', 'Value', 'int32');
const hfValueSrational = defineField('image-jfif.ifd.value_srational', 'Value', 'none');
const hfSrationalNum = defineField('image-jfif.ifd.value_srational.numerator', 'Numerator', 'int32');
const hfSrationalDen = defineField('image-jfif.ifd.value_srational.denominator', 'Denominator', 'int32');

const eiNotJfif = defineExpert('image-jfif.app0-identifier-not-jfif', 'protocol', 'warn', 'Initial App0 segment with "JFIF" Identifier not found');
const eiStartIfd = defineExpert('image-jfif.start_ifd_offset.invalid', 'protocol', 'warn', 'Invalid value');
const eiNextIfd = defineExpert('image-jfif.next_ifd_offset.invalid', 'protocol', 'warn', 'Invalid value');
const eiValueOffset = defineExpert('image-jfif.ifd_value_offset.invalid', 'protocol', 'warn', 'Invalid value');

const EXTENSION_IFDS: Record<number, [FieldDef, string]> = {
  [EXIF_IFD]: [hfIfdTagExif, 'Exif IFD'],
  [GPS_IFD]: [hfIfdTagGps, 'GPS IFD'],
  [INTEROP_IFD]: [hfIfdTagInterop, 'Interoperability IFD'],
};

/** Value types: [size of one value, its field]. */
const VALUE_TYPES: Record<number, [number, FieldDef]> = {
  1: [1, hfValueByte], 2: [1, hfValueAscii], 3: [2, hfValueShort], 4: [4, hfValueLong],
  5: [8, hfValueRational], 7: [1, hfValueUndefined], 9: [4, hfValueSlong], 10: [8, hfValueSrational],
};

const hex4 = (v: number) => v.toString(16).toUpperCase().padStart(4, '0');
const bytesUnit = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

/** A string at `off` up to its NUL (which it includes), as tvb_get_stringz_enc: none is malformed. */
function stringz(seg: Tvb, off: number): { text: string; size: number } {
  let end = off;
  while (seg.u8(end) !== 0) end++;
  return { text: asciiString(seg.bytes(off, end - off), 0, end - off), size: end - off + 1 };
}

/** The subtree of a segment, with its marker and length (every segment starts so). */
function segmentNode(tree: ProtoNode, f: FieldDef, seg: Tvb, marker: number, name: string): ProtoNode {
  const t = tree.add(f, seg, 0, seg.length).setLabel(`${f.name}: ${name} (0x${hex4(marker)})`);
  t.add(hfMarker, seg, 0, 2, seg.u16(0));
  t.add(hfLen, seg, 2, 2, seg.u16(2));
  return t;
}

/** "Remaining segment data: N bytes" from `off` to the end of the segment (N as Wireshark counts it, unsigned). */
function remaining(t: ProtoNode, seg: Tvb, off: number, n: number): void {
  // To the end of what was captured (an item of length -1); none at all is an error.
  const len = seg.remaining(off);
  if (len === 0) seg.check(off, 1);
  t.add(hfRemain, seg, off, len, seg.bytes(off, len)).setLabel(`Remaining segment data: ${n >>> 0} bytes`);
}

function app0(tree: ProtoNode, seg: Tvb, len: number, name: string): void {
  const t = segmentNode(tree, hfSegment, seg, APP0, name);
  const id = stringz(seg, 4);
  const idNode = t.add(hfIdentifier, seg, 4, id.size, id.text);
  if (id.text === 'JFIF') {
    const major = seg.u8(9);
    const minor = seg.u8(10);
    const v = t.add(hfVersion, seg, 9, 2).setLabel(`Version: ${major}.${minor}`);
    v.add(hfVersionMajor, seg, 9, 1, major);
    v.add(hfVersionMinor, seg, 10, 1, minor);
    t.add(hfUnits, seg, 11, 1, seg.u8(11));
    t.add(hfXdensity, seg, 12, 2, seg.u16(12));
    t.add(hfYdensity, seg, 14, 2, seg.u16(14));
    const x = seg.u8(16);
    const y = seg.u8(17);
    t.add(hfXthumbnail, seg, 16, 1, x);
    t.add(hfYthumbnail, seg, 17, 1, y);
    if (x || y) t.add(hfRgb, seg, 18, 3 * x * y, seg.bytes(18, 3 * x * y));
  } else if (id.text === 'JFXX') {
    t.add(hfExtensionCode, seg, 9, 1, seg.u8(9));
  } else {
    idNode.appendLabel(' (unknown identifier)', () => `Identifier: ${id.text}`);
    remaining(t, seg, 4 + id.size, len - 2 - id.size);
  }
}

function app1(tree: ProtoNode, seg: Tvb, pinfo: PacketInfo, len: number, name: string, firstNotJfif: boolean): void {
  const t = segmentNode(tree, hfSegment, seg, APP1, name);
  const id = stringz(seg, 4);
  const idNode = t.add(hfIdentifier, seg, 4, id.size, id.text);
  if (firstNotJfif && id.text !== 'JFIF') pinfo.expert(idNode, eiNotJfif, seg, 4, id.size);
  if (id.text === 'Exif') {
    // A byte that should be 0 follows "Exif\0", then the TIFF header whose offsets count from its start.
    tiff(t, seg.sub(4 + id.size + 1), pinfo);
  } else {
    remaining(t, seg, 4 + id.size, len - 2 - id.size);
    idNode.appendLabel(' (Unknown identifier)', () => `Identifier: ${id.text}`);
  }
}

function app2(tree: ProtoNode, seg: Tvb, len: number, name: string): void {
  const t = segmentNode(tree, hfSegment, seg, APP2, name);
  const id = stringz(seg, 4);
  const idNode = t.add(hfIdentifier, seg, 4, id.size, id.text);
  if (id.text === 'FPXR') {
    // Beside the segment, not in it (as Wireshark adds it).
    tree.add(hfFlashpix, seg, 0, seg.length);
  } else {
    remaining(t, seg, 4 + id.size, len - 2 - id.size);
    idNode.appendLabel(' (Unknown identifier)', () => `Identifier: ${id.text}`);
  }
}

function sof(tree: ProtoNode, seg: Tvb, marker: number, name: string): void {
  const t = segmentNode(tree, hfSof, seg, marker, name);
  t.add(hfSofPrecision, seg, 4, 1, seg.u8(4));
  t.add(hfSofLines, seg, 5, 2, seg.u16(5));
  t.add(hfSofSamples, seg, 7, 2, seg.u16(7));
  const nf = seg.u8(9);
  t.add(hfSofNf, seg, 9, 1, nf);
  for (let i = 0, off = 10; i < nf; i++, off += 3) {
    t.add(hfSofC, seg, off, 1, seg.u8(off));
    seg.u8(off + 1); // (masked fields read their byte themselves, unchecked)
    t.add(hfSofH, seg, off + 1, 1);
    t.add(hfSofV, seg, off + 1, 1);
    t.add(hfSofTq, seg, off + 2, 1, seg.u8(off + 2));
  }
}

function sos(tree: ProtoNode, seg: Tvb, name: string): void {
  const t = segmentNode(tree, hfSos, seg, SOS, name);
  const ns = seg.u8(4);
  t.add(hfSosNs, seg, 4, 1, ns);
  let off = 5;
  for (let i = 0; i < ns; i++, off += 2) {
    t.add(hfSosCs, seg, off, 1, seg.u8(off));
    seg.u8(off + 1);
    t.add(hfSosTd, seg, off + 1, 1);
    t.add(hfSosTa, seg, off + 1, 1);
  }
  t.add(hfSosSs, seg, off, 1, seg.u8(off));
  t.add(hfSosSe, seg, off + 1, 1, seg.u8(off + 1));
  seg.u8(off + 2);
  t.add(hfSosAh, seg, off + 2, 1);
  t.add(hfSosAl, seg, off + 2, 1);
}

function comment(tree: ProtoNode, seg: Tvb, len: number, name: string): void {
  const t = segmentNode(tree, hfCommentHeader, seg, COM, name);
  // (A length below 2 is a negative item length: malformed, as in Wireshark.)
  t.add(hfComment, seg, 4, len - 2, asciiString(seg.bytes(4, len - 2), 0, len - 2));
}

function otherSegment(tree: ProtoNode, seg: Tvb, len: number, marker: number, name: string): void {
  const t = segmentNode(tree, hfSegment, seg, marker, name);
  remaining(t, seg, 4, len - 2);
}

/** Reads the TIFF header's numbers in its byte order. */
interface Tiff {
  tvb: Tvb;
  le: boolean;
  u16(off: number): number;
  u32(off: number): number;
}

function tiff(tree: ProtoNode, tvb: Tvb, pinfo: PacketInfo): void {
  const order = tvb.u16(0);
  if (order !== 0x4949 && order !== 0x4d4d) {
    tree.add(hfEndianness, tvb, 0, 2, order).setLabel(`Endianness: Incorrect encoding 0x${order.toString(16).padStart(4, '0')}- skipping the remainder of this application marker`);
    return;
  }
  const le = order === 0x4949;
  tree.add(hfEndianness, tvb, 0, 2, order).setLabel(`Endianness: ${le ? 'little' : 'big'} endian`);
  const r: Tiff = { tvb, le, u16: (o) => (le ? tvb.u16le(o) : tvb.u16(o)), u32: (o) => (le ? tvb.u32le(o) : tvb.u32(o)) };
  const start = r.u32(4);
  const n = tree.add(hfStartIfd, tvb, 4, 4, start).setLabel(`${hfStartIfd.name}: ${bytesUnit(start)}`);
  if (start < 8) {
    pinfo.expert(n, eiStartIfd, tvb, 4, 4, ' (bogus, should be >= 8)');
    return;
  }
  ifdChain(tree, r, pinfo, start, hfIfdTag, 'Image File Directory');
}

/** An IFD and the ones chained after it; the main IFD's pointers lead to the Exif, GPS and interoperability IFDs. */
function ifdChain(tree: ProtoNode, r: Tiff, pinfo: PacketInfo, first: number, hfTag: FieldDef, what: string): void {
  const tvb = r.tvb;
  let next = first;
  for (let index = 0; ; index++) {
    let off = next;
    const fields = r.u16(off);
    const ifd = tree.addText(tvb, off, fields * 12 + 6, `${what} #${index}`);
    ifd.add(hfIfdNumFields, tvb, off, 2, fields);
    off += 2;
    for (let i = 0; i < fields; i++) {
      const tag = r.u16(off);
      ifd.add(hfTag, tvb, off, 2, tag);
      const type = r.u16(off + 2);
      ifd.add(hfIfdType, tvb, off + 2, 2, type);
      const count = r.u32(off + 4);
      ifd.add(hfIfdCount, tvb, off + 4, 4, count);
      off += 8;
      const [size, hf] = VALUE_TYPES[type] ?? [0, null];
      let at = -1;
      let parent = ifd;
      if (size === 0 || Math.trunc(4 / size) < count) {
        // The values are elsewhere; the field holds their offset. They show beside the IFD.
        const where = r.u32(off);
        const n = ifd.add(hfIfdOffset, tvb, off, 4, where);
        if (where < tvb.reportedLength) at = where;
        else pinfo.expert(n, eiValueOffset, tvb, off, 4, `bogus, should be < ${tvb.reportedLength}`);
        parent = tree;
      } else {
        at = off;
      }
      if (at >= 0 && hf !== null) {
        if (hf === hfValueAscii) parent.add(hf, tvb, at, count, asciiString(tvb.bytes(at, count), 0, count));
        else if (hf === hfValueUndefined) parent.add(hf, tvb, at, count, tvb.bytes(at, count));
        else for (let k = 0; k < count; k++, at += size) value(tree, parent, r, pinfo, at, hf, tag, hfTag === hfIfdTag && count === 1);
      }
      off += 4;
    }
    next = r.u32(off);
    const n = ifd.add(hfNextIfd, tvb, off, 4, next).setLabel(`${hfNextIfd.name}: ${bytesUnit(next)}`);
    off += 4;
    if (next === 0) return;
    if (next < off) {
      pinfo.expert(n, eiNextIfd, tvb, off - 4, 4, ` (bogus, should be >= ${off})`);
      return;
    }
  }
}

/** One value of an IFD field; a lone LONG of the main IFD may point to another IFD. */
function value(tree: ProtoNode, parent: ProtoNode, r: Tiff, pinfo: PacketInfo, at: number, hf: FieldDef, tag: number, mayPoint: boolean): void {
  const tvb = r.tvb;
  if (hf === hfValueRational || hf === hfValueSrational) {
    const signed = hf === hfValueSrational;
    const num = signed ? r.u32(at) | 0 : r.u32(at);
    const den = signed ? r.u32(at + 4) | 0 : r.u32(at + 4);
    const v = parent.add(hf, tvb, at, 8).setLabel(`Value: ${num}/${den}`);
    v.add(signed ? hfSrationalNum : hfRationalNum, tvb, at, 4, num);
    v.add(signed ? hfSrationalDen : hfRationalDen, tvb, at + 4, 4, den);
    return;
  }
  const v = hf === hfValueByte ? tvb.u8(at) : hf === hfValueShort ? r.u16(at) : hf === hfValueSlong ? r.u32(at) | 0 : r.u32(at);
  const node = parent.add(hf, tvb, at, hf === hfValueByte ? 1 : hf === hfValueShort ? 2 : 4, v);
  const ext = mayPoint && hf === hfValueLong ? EXTENSION_IFDS[tag] : undefined;
  if (ext === undefined) return;
  if (v < tvb.reportedLength) ifdChain(tree, r, pinfo, v, ext[0], ext[1]);
  else pinfo.expert(node, eiStartIfd, tvb, at, 4, `bogus, should be < ${tvb.reportedLength}`);
}

/** SOI, and "JFIF\0" or "Exif\0" at offset 6; null when the body is not taken. */
function firstIdentifier(tvb: Tvb): 'JFIF' | 'Exif' | null {
  if (tvb.reportedLength < 20 || tvb.u16(0) !== SOI) return null;
  const is = (s: string) => tvb.has(6, 5) && tvb.latin1(6, 5) === `${s}\0`;
  return is('Exif') ? 'Exif' : is('JFIF') ? 'JFIF' : null;
}

export const imageJfif: ProtocolSpec = {
  proto,
  // A JPEG whatever its Content-Type says (Wireshark's dissect_jfif_heur on HTTP bodies).
  heuristics: [{ table: 'http', name: 'jfif_http', fn: (tvb, pinfo, tree, info) => imageJfif.dissect(tvb, pinfo, tree, info) !== 0 }],
  dissect(tvb, pinfo, tree) {
    const first = firstIdentifier(tvb);
    if (first === null) return 0;
    let firstNotJfif = first === 'Exif';
    pinfo.appendInfoSep(' ', '(JPEG JFIF image)');
    const t = tree.addProto(proto, tvb, 0, tvb.length);
    const end = tvb.reportedLength;
    let entropy = 0;
    for (;;) {
      // The next ff that is not an escaped ff 00 (searched in the captured bytes, as tvb_find_guint8).
      tvb.check(entropy, 0);
      let fill = entropy;
      for (;;) {
        while (fill < tvb.length && tvb.u8(fill) !== 0xff) fill++;
        if (fill === tvb.length || end - fill === 1 || tvb.u8(fill + 1) !== 0) break;
        fill += 2;
      }
      if (fill === tvb.length) fill = end;
      if (fill !== entropy) t.add(hfEntropy, tvb, entropy, fill - entropy, tvb.bytes(entropy, fill - entropy));
      if (fill === end) return;
      let at = fill;
      while (tvb.u8(at + 1) === 0xff) at++;
      if (at !== fill) t.add(hfFill, tvb, fill, at - fill, tvb.bytes(fill, at - fill));
      const marker = tvb.u16(at);
      const name = MARKERS.get(marker);
      if (name === undefined) {
        t.add(hfMarker, tvb, at, 2, marker).appendLabel(' (Reserved)', () => `Marker: Unknown (0x${marker.toString(16).padStart(4, '0')})`);
        return;
      }
      if (!hasLength(marker)) {
        t.add(hfMarker, tvb, at, 2, marker);
        entropy = at + 2;
        continue;
      }
      const len = tvb.u16(at + 2);
      // A segment may claim more than the body has: reads past the body are then "contained" errors.
      const seg = tvb.subClamped(at, 2 + len);
      try {
        if (marker === APP0) app0(t, seg, len, name);
        else if (marker === APP1) app1(t, seg, pinfo, len, name, firstNotJfif);
        else if (marker === APP2) app2(t, seg, len, name);
        else if (isSof(marker)) sof(t, seg, marker, name);
        else if (marker === SOS) sos(t, seg, name);
        else if (marker === COM) comment(t, seg, len, name);
        else otherSegment(t, seg, len, marker, name);
      } catch (e) {
        const claimedEnd = tvb.abs(at + 2 + len);
        if (e instanceof BoundsError && e.kind === 'malformed' && seg.reportedLength < 2 + len && e.offset + e.needed <= claimedEnd) {
          throw new BoundsError('contained', e.layer, e.offset, e.needed, e.available);
        }
        throw e;
      }
      if (marker === APP1) firstNotJfif = false;
      entropy = at + 2 + len;
    }
  },
};

for (const type of ['image/jfif', 'image/jpg', 'image/jpeg']) registerMediaType(type, imageJfif);
