import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  __commonJS,
  __export,
  __toESM
} from "./chunk-R43OE7MV.js";

// node_modules/flatbuffers/js/constants.js
var require_constants = __commonJS({
  "node_modules/flatbuffers/js/constants.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.SIZE_PREFIX_LENGTH = exports.FILE_IDENTIFIER_LENGTH = exports.SIZEOF_INT = exports.SIZEOF_SHORT = void 0;
    exports.SIZEOF_SHORT = 2;
    exports.SIZEOF_INT = 4;
    exports.FILE_IDENTIFIER_LENGTH = 4;
    exports.SIZE_PREFIX_LENGTH = 4;
  }
});

// node_modules/flatbuffers/js/utils.js
var require_utils = __commonJS({
  "node_modules/flatbuffers/js/utils.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.isLittleEndian = exports.float64 = exports.float32 = exports.int32 = void 0;
    exports.int32 = new Int32Array(2);
    exports.float32 = new Float32Array(exports.int32.buffer);
    exports.float64 = new Float64Array(exports.int32.buffer);
    exports.isLittleEndian = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;
  }
});

// node_modules/flatbuffers/js/encoding.js
var require_encoding = __commonJS({
  "node_modules/flatbuffers/js/encoding.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Encoding = void 0;
    var Encoding;
    (function(Encoding2) {
      Encoding2[Encoding2.UTF8_BYTES = 1] = "UTF8_BYTES", Encoding2[Encoding2.UTF16_STRING = 2] = "UTF16_STRING";
    })(Encoding || (exports.Encoding = Encoding = {}));
  }
});

// node_modules/flatbuffers/js/byte-buffer.js
var require_byte_buffer = __commonJS({
  "node_modules/flatbuffers/js/byte-buffer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ByteBuffer = void 0;
    var constants_js_1 = require_constants(), encoding_js_1 = require_encoding(), utils_js_1 = require_utils(), ByteBuffer8 = class _ByteBuffer {
      /**
       * Create a new ByteBuffer with a given array of bytes (`Uint8Array`)
       */
      constructor(bytes_) {
        this.bytes_ = bytes_, this.position_ = 0, this.text_decoder_ = new TextDecoder();
      }
      /**
       * Create and allocate a new ByteBuffer with a given size.
       */
      static allocate(byte_size) {
        return new _ByteBuffer(new Uint8Array(byte_size));
      }
      clear() {
        this.position_ = 0;
      }
      /**
       * Get the underlying `Uint8Array`.
       */
      bytes() {
        return this.bytes_;
      }
      /**
       * Get the buffer's position.
       */
      position() {
        return this.position_;
      }
      /**
       * Set the buffer's position.
       */
      setPosition(position) {
        this.position_ = position;
      }
      /**
       * Get the buffer's capacity.
       */
      capacity() {
        return this.bytes_.length;
      }
      readInt8(offset) {
        return this.readUint8(offset) << 24 >> 24;
      }
      readUint8(offset) {
        return this.bytes_[offset];
      }
      readInt16(offset) {
        return this.readUint16(offset) << 16 >> 16;
      }
      readUint16(offset) {
        return this.bytes_[offset] | this.bytes_[offset + 1] << 8;
      }
      readInt32(offset) {
        return this.bytes_[offset] | this.bytes_[offset + 1] << 8 | this.bytes_[offset + 2] << 16 | this.bytes_[offset + 3] << 24;
      }
      readUint32(offset) {
        return this.readInt32(offset) >>> 0;
      }
      readInt64(offset) {
        return BigInt.asIntN(64, BigInt(this.readUint32(offset)) + (BigInt(this.readUint32(offset + 4)) << BigInt(32)));
      }
      readUint64(offset) {
        return BigInt.asUintN(64, BigInt(this.readUint32(offset)) + (BigInt(this.readUint32(offset + 4)) << BigInt(32)));
      }
      readFloat32(offset) {
        return utils_js_1.int32[0] = this.readInt32(offset), utils_js_1.float32[0];
      }
      readFloat64(offset) {
        return utils_js_1.int32[utils_js_1.isLittleEndian ? 0 : 1] = this.readInt32(offset), utils_js_1.int32[utils_js_1.isLittleEndian ? 1 : 0] = this.readInt32(offset + 4), utils_js_1.float64[0];
      }
      writeInt8(offset, value) {
        this.bytes_[offset] = value;
      }
      writeUint8(offset, value) {
        this.bytes_[offset] = value;
      }
      writeInt16(offset, value) {
        this.bytes_[offset] = value, this.bytes_[offset + 1] = value >> 8;
      }
      writeUint16(offset, value) {
        this.bytes_[offset] = value, this.bytes_[offset + 1] = value >> 8;
      }
      writeInt32(offset, value) {
        this.bytes_[offset] = value, this.bytes_[offset + 1] = value >> 8, this.bytes_[offset + 2] = value >> 16, this.bytes_[offset + 3] = value >> 24;
      }
      writeUint32(offset, value) {
        this.bytes_[offset] = value, this.bytes_[offset + 1] = value >> 8, this.bytes_[offset + 2] = value >> 16, this.bytes_[offset + 3] = value >> 24;
      }
      writeInt64(offset, value) {
        this.writeInt32(offset, Number(BigInt.asIntN(32, value))), this.writeInt32(offset + 4, Number(BigInt.asIntN(32, value >> BigInt(32))));
      }
      writeUint64(offset, value) {
        this.writeUint32(offset, Number(BigInt.asUintN(32, value))), this.writeUint32(offset + 4, Number(BigInt.asUintN(32, value >> BigInt(32))));
      }
      writeFloat32(offset, value) {
        utils_js_1.float32[0] = value, this.writeInt32(offset, utils_js_1.int32[0]);
      }
      writeFloat64(offset, value) {
        utils_js_1.float64[0] = value, this.writeInt32(offset, utils_js_1.int32[utils_js_1.isLittleEndian ? 0 : 1]), this.writeInt32(offset + 4, utils_js_1.int32[utils_js_1.isLittleEndian ? 1 : 0]);
      }
      /**
       * Return the file identifier.   Behavior is undefined for FlatBuffers whose
       * schema does not include a file_identifier (likely points at padding or the
       * start of a the root vtable).
       */
      getBufferIdentifier() {
        if (this.bytes_.length < this.position_ + constants_js_1.SIZEOF_INT + constants_js_1.FILE_IDENTIFIER_LENGTH)
          throw new Error("FlatBuffers: ByteBuffer is too short to contain an identifier.");
        let result = "";
        for (let i = 0; i < constants_js_1.FILE_IDENTIFIER_LENGTH; i++)
          result += String.fromCharCode(this.readInt8(this.position_ + constants_js_1.SIZEOF_INT + i));
        return result;
      }
      /**
       * Look up a field in the vtable, return an offset into the object, or 0 if the
       * field is not present.
       */
      __offset(bb_pos, vtable_offset) {
        let vtable = bb_pos - this.readInt32(bb_pos);
        return vtable_offset < this.readInt16(vtable) ? this.readInt16(vtable + vtable_offset) : 0;
      }
      /**
       * Initialize any Table-derived type to point to the union at the given offset.
       */
      __union(t, offset) {
        return t.bb_pos = offset + this.readInt32(offset), t.bb = this, t;
      }
      /**
       * Create a JavaScript string from UTF-8 data stored inside the FlatBuffer.
       * This allocates a new string and converts to wide chars upon each access.
       *
       * To avoid the conversion to string, pass Encoding.UTF8_BYTES as the
       * "optionalEncoding" argument. This is useful for avoiding conversion when
       * the data will just be packaged back up in another FlatBuffer later on.
       *
       * @param offset
       * @param opt_encoding Defaults to UTF16_STRING
       */
      __string(offset, opt_encoding) {
        offset += this.readInt32(offset);
        let length = this.readInt32(offset);
        offset += constants_js_1.SIZEOF_INT;
        let utf8bytes = this.bytes_.subarray(offset, offset + length);
        return opt_encoding === encoding_js_1.Encoding.UTF8_BYTES ? utf8bytes : this.text_decoder_.decode(utf8bytes);
      }
      /**
       * Handle unions that can contain string as its member, if a Table-derived type then initialize it,
       * if a string then return a new one
       *
       * WARNING: strings are immutable in JS so we can't change the string that the user gave us, this
       * makes the behaviour of __union_with_string different compared to __union
       */
      __union_with_string(o, offset) {
        return typeof o == "string" ? this.__string(offset) : this.__union(o, offset);
      }
      /**
       * Retrieve the relative offset stored at "offset"
       */
      __indirect(offset) {
        return offset + this.readInt32(offset);
      }
      /**
       * Get the start of data of a vector whose offset is stored at "offset" in this object.
       */
      __vector(offset) {
        return offset + this.readInt32(offset) + constants_js_1.SIZEOF_INT;
      }
      /**
       * Get the length of a vector whose offset is stored at "offset" in this object.
       */
      __vector_len(offset) {
        return this.readInt32(offset + this.readInt32(offset));
      }
      __has_identifier(ident) {
        if (ident.length != constants_js_1.FILE_IDENTIFIER_LENGTH)
          throw new Error("FlatBuffers: file identifier must be length " + constants_js_1.FILE_IDENTIFIER_LENGTH);
        for (let i = 0; i < constants_js_1.FILE_IDENTIFIER_LENGTH; i++)
          if (ident.charCodeAt(i) != this.readInt8(this.position() + constants_js_1.SIZEOF_INT + i))
            return !1;
        return !0;
      }
      /**
       * A helper function for generating list for obj api
       */
      createScalarList(listAccessor, listLength) {
        let ret = [];
        for (let i = 0; i < listLength; ++i) {
          let val = listAccessor(i);
          val !== null && ret.push(val);
        }
        return ret;
      }
      /**
       * A helper function for generating list for obj api
       * @param listAccessor function that accepts an index and return data at that index
       * @param listLength listLength
       * @param res result list
       */
      createObjList(listAccessor, listLength) {
        let ret = [];
        for (let i = 0; i < listLength; ++i) {
          let val = listAccessor(i);
          val !== null && ret.push(val.unpack());
        }
        return ret;
      }
    };
    exports.ByteBuffer = ByteBuffer8;
  }
});

// node_modules/flatbuffers/js/builder.js
var require_builder = __commonJS({
  "node_modules/flatbuffers/js/builder.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Builder = void 0;
    var byte_buffer_js_1 = require_byte_buffer(), constants_js_1 = require_constants(), Builder6 = class _Builder {
      /**
       * Create a FlatBufferBuilder.
       */
      constructor(opt_initial_size) {
        this.minalign = 1, this.vtable = null, this.vtable_in_use = 0, this.isNested = !1, this.object_start = 0, this.vtables = [], this.vector_num_elems = 0, this.force_defaults = !1, this.string_maps = null, this.text_encoder = new TextEncoder();
        let initial_size;
        opt_initial_size ? initial_size = opt_initial_size : initial_size = 1024, this.bb = byte_buffer_js_1.ByteBuffer.allocate(initial_size), this.space = initial_size;
      }
      clear() {
        this.bb.clear(), this.space = this.bb.capacity(), this.minalign = 1, this.vtable = null, this.vtable_in_use = 0, this.isNested = !1, this.object_start = 0, this.vtables = [], this.vector_num_elems = 0, this.force_defaults = !1, this.string_maps = null;
      }
      /**
       * In order to save space, fields that are set to their default value
       * don't get serialized into the buffer. Forcing defaults provides a
       * way to manually disable this optimization.
       *
       * @param forceDefaults true always serializes default values
       */
      forceDefaults(forceDefaults) {
        this.force_defaults = forceDefaults;
      }
      /**
       * Get the ByteBuffer representing the FlatBuffer. Only call this after you've
       * called finish(). The actual data starts at the ByteBuffer's current position,
       * not necessarily at 0.
       */
      dataBuffer() {
        return this.bb;
      }
      /**
       * Get the bytes representing the FlatBuffer. Only call this after you've
       * called finish().
       */
      asUint8Array() {
        return this.bb.bytes().subarray(this.bb.position(), this.bb.position() + this.offset());
      }
      /**
       * Prepare to write an element of `size` after `additional_bytes` have been
       * written, e.g. if you write a string, you need to align such the int length
       * field is aligned to 4 bytes, and the string data follows it directly. If all
       * you need to do is alignment, `additional_bytes` will be 0.
       *
       * @param size This is the of the new element to write
       * @param additional_bytes The padding size
       */
      prep(size, additional_bytes) {
        size > this.minalign && (this.minalign = size);
        let align_size = ~(this.bb.capacity() - this.space + additional_bytes) + 1 & size - 1;
        for (; this.space < align_size + size + additional_bytes; ) {
          let old_buf_size = this.bb.capacity();
          this.bb = _Builder.growByteBuffer(this.bb), this.space += this.bb.capacity() - old_buf_size;
        }
        this.pad(align_size);
      }
      pad(byte_size) {
        for (let i = 0; i < byte_size; i++)
          this.bb.writeInt8(--this.space, 0);
      }
      writeInt8(value) {
        this.bb.writeInt8(this.space -= 1, value);
      }
      writeInt16(value) {
        this.bb.writeInt16(this.space -= 2, value);
      }
      writeInt32(value) {
        this.bb.writeInt32(this.space -= 4, value);
      }
      writeInt64(value) {
        this.bb.writeInt64(this.space -= 8, value);
      }
      writeFloat32(value) {
        this.bb.writeFloat32(this.space -= 4, value);
      }
      writeFloat64(value) {
        this.bb.writeFloat64(this.space -= 8, value);
      }
      /**
       * Add an `int8` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `int8` to add the buffer.
       */
      addInt8(value) {
        this.prep(1, 0), this.writeInt8(value);
      }
      /**
       * Add an `int16` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `int16` to add the buffer.
       */
      addInt16(value) {
        this.prep(2, 0), this.writeInt16(value);
      }
      /**
       * Add an `int32` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `int32` to add the buffer.
       */
      addInt32(value) {
        this.prep(4, 0), this.writeInt32(value);
      }
      /**
       * Add an `int64` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `int64` to add the buffer.
       */
      addInt64(value) {
        this.prep(8, 0), this.writeInt64(value);
      }
      /**
       * Add a `float32` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `float32` to add the buffer.
       */
      addFloat32(value) {
        this.prep(4, 0), this.writeFloat32(value);
      }
      /**
       * Add a `float64` to the buffer, properly aligned, and grows the buffer (if necessary).
       * @param value The `float64` to add the buffer.
       */
      addFloat64(value) {
        this.prep(8, 0), this.writeFloat64(value);
      }
      addFieldInt8(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addInt8(value), this.slot(voffset));
      }
      addFieldInt16(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addInt16(value), this.slot(voffset));
      }
      addFieldInt32(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addInt32(value), this.slot(voffset));
      }
      addFieldInt64(voffset, value, defaultValue) {
        (this.force_defaults || value !== defaultValue) && (this.addInt64(value), this.slot(voffset));
      }
      addFieldFloat32(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addFloat32(value), this.slot(voffset));
      }
      addFieldFloat64(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addFloat64(value), this.slot(voffset));
      }
      addFieldOffset(voffset, value, defaultValue) {
        (this.force_defaults || value != defaultValue) && (this.addOffset(value), this.slot(voffset));
      }
      /**
       * Structs are stored inline, so nothing additional is being added. `d` is always 0.
       */
      addFieldStruct(voffset, value, defaultValue) {
        value != defaultValue && (this.nested(value), this.slot(voffset));
      }
      /**
       * Structures are always stored inline, they need to be created right
       * where they're used.  You'll get this assertion failure if you
       * created it elsewhere.
       */
      nested(obj) {
        if (obj != this.offset())
          throw new TypeError("FlatBuffers: struct must be serialized inline.");
      }
      /**
       * Should not be creating any other object, string or vector
       * while an object is being constructed
       */
      notNested() {
        if (this.isNested)
          throw new TypeError("FlatBuffers: object serialization must not be nested.");
      }
      /**
       * Set the current vtable at `voffset` to the current location in the buffer.
       */
      slot(voffset) {
        this.vtable !== null && (this.vtable[voffset] = this.offset());
      }
      /**
       * @returns Offset relative to the end of the buffer.
       */
      offset() {
        return this.bb.capacity() - this.space;
      }
      /**
       * Doubles the size of the backing ByteBuffer and copies the old data towards
       * the end of the new buffer (since we build the buffer backwards).
       *
       * @param bb The current buffer with the existing data
       * @returns A new byte buffer with the old data copied
       * to it. The data is located at the end of the buffer.
       *
       * uint8Array.set() formally takes {Array<number>|ArrayBufferView}, so to pass
       * it a uint8Array we need to suppress the type check:
       * @suppress {checkTypes}
       */
      static growByteBuffer(bb) {
        let old_buf_size = bb.capacity();
        if (old_buf_size & 3221225472)
          throw new Error("FlatBuffers: cannot grow buffer beyond 2 gigabytes.");
        let new_buf_size = old_buf_size << 1, nbb = byte_buffer_js_1.ByteBuffer.allocate(new_buf_size);
        return nbb.setPosition(new_buf_size - old_buf_size), nbb.bytes().set(bb.bytes(), new_buf_size - old_buf_size), nbb;
      }
      /**
       * Adds on offset, relative to where it will be written.
       *
       * @param offset The offset to add.
       */
      addOffset(offset) {
        this.prep(constants_js_1.SIZEOF_INT, 0), this.writeInt32(this.offset() - offset + constants_js_1.SIZEOF_INT);
      }
      /**
       * Start encoding a new object in the buffer.  Users will not usually need to
       * call this directly. The FlatBuffers compiler will generate helper methods
       * that call this method internally.
       */
      startObject(numfields) {
        this.notNested(), this.vtable == null && (this.vtable = []), this.vtable_in_use = numfields;
        for (let i = 0; i < numfields; i++)
          this.vtable[i] = 0;
        this.isNested = !0, this.object_start = this.offset();
      }
      /**
       * Finish off writing the object that is under construction.
       *
       * @returns The offset to the object inside `dataBuffer`
       */
      endObject() {
        if (this.vtable == null || !this.isNested)
          throw new Error("FlatBuffers: endObject called without startObject");
        this.addInt32(0);
        let vtableloc = this.offset(), i = this.vtable_in_use - 1;
        for (; i >= 0 && this.vtable[i] == 0; i--)
          ;
        let trimmed_size = i + 1;
        for (; i >= 0; i--)
          this.addInt16(this.vtable[i] != 0 ? vtableloc - this.vtable[i] : 0);
        let standard_fields = 2;
        this.addInt16(vtableloc - this.object_start);
        let len = (trimmed_size + standard_fields) * constants_js_1.SIZEOF_SHORT;
        this.addInt16(len);
        let existing_vtable = 0, vt1 = this.space;
        outer_loop: for (i = 0; i < this.vtables.length; i++) {
          let vt2 = this.bb.capacity() - this.vtables[i];
          if (len == this.bb.readInt16(vt2)) {
            for (let j = constants_js_1.SIZEOF_SHORT; j < len; j += constants_js_1.SIZEOF_SHORT)
              if (this.bb.readInt16(vt1 + j) != this.bb.readInt16(vt2 + j))
                continue outer_loop;
            existing_vtable = this.vtables[i];
            break;
          }
        }
        return existing_vtable ? (this.space = this.bb.capacity() - vtableloc, this.bb.writeInt32(this.space, existing_vtable - vtableloc)) : (this.vtables.push(this.offset()), this.bb.writeInt32(this.bb.capacity() - vtableloc, this.offset() - vtableloc)), this.isNested = !1, vtableloc;
      }
      /**
       * Finalize a buffer, poiting to the given `root_table`.
       */
      finish(root_table, opt_file_identifier, opt_size_prefix) {
        let size_prefix = opt_size_prefix ? constants_js_1.SIZE_PREFIX_LENGTH : 0;
        if (opt_file_identifier) {
          let file_identifier = opt_file_identifier;
          if (this.prep(this.minalign, constants_js_1.SIZEOF_INT + constants_js_1.FILE_IDENTIFIER_LENGTH + size_prefix), file_identifier.length != constants_js_1.FILE_IDENTIFIER_LENGTH)
            throw new TypeError("FlatBuffers: file identifier must be length " + constants_js_1.FILE_IDENTIFIER_LENGTH);
          for (let i = constants_js_1.FILE_IDENTIFIER_LENGTH - 1; i >= 0; i--)
            this.writeInt8(file_identifier.charCodeAt(i));
        }
        this.prep(this.minalign, constants_js_1.SIZEOF_INT + size_prefix), this.addOffset(root_table), size_prefix && this.addInt32(this.bb.capacity() - this.space), this.bb.setPosition(this.space);
      }
      /**
       * Finalize a size prefixed buffer, pointing to the given `root_table`.
       */
      finishSizePrefixed(root_table, opt_file_identifier) {
        this.finish(root_table, opt_file_identifier, !0);
      }
      /**
       * This checks a required field has been set in a given table that has
       * just been constructed.
       */
      requiredField(table, field) {
        let table_start = this.bb.capacity() - table, vtable_start = table_start - this.bb.readInt32(table_start);
        if (!(field < this.bb.readInt16(vtable_start) && this.bb.readInt16(vtable_start + field) != 0))
          throw new TypeError("FlatBuffers: field " + field + " must be set");
      }
      /**
       * Start a new array/vector of objects.  Users usually will not call
       * this directly. The FlatBuffers compiler will create a start/end
       * method for vector types in generated code.
       *
       * @param elem_size The size of each element in the array
       * @param num_elems The number of elements in the array
       * @param alignment The alignment of the array
       */
      startVector(elem_size, num_elems, alignment) {
        this.notNested(), this.vector_num_elems = num_elems, this.prep(constants_js_1.SIZEOF_INT, elem_size * num_elems), this.prep(alignment, elem_size * num_elems);
      }
      /**
       * Finish off the creation of an array and all its elements. The array must be
       * created with `startVector`.
       *
       * @returns The offset at which the newly created array
       * starts.
       */
      endVector() {
        return this.writeInt32(this.vector_num_elems), this.offset();
      }
      /**
       * Encode the string `s` in the buffer using UTF-8. If the string passed has
       * already been seen, we return the offset of the already written string
       *
       * @param s The string to encode
       * @return The offset in the buffer where the encoded string starts
       */
      createSharedString(s) {
        if (!s)
          return 0;
        if (this.string_maps || (this.string_maps = /* @__PURE__ */ new Map()), this.string_maps.has(s))
          return this.string_maps.get(s);
        let offset = this.createString(s);
        return this.string_maps.set(s, offset), offset;
      }
      /**
       * Encode the string `s` in the buffer using UTF-8. If a Uint8Array is passed
       * instead of a string, it is assumed to contain valid UTF-8 encoded data.
       *
       * @param s The string to encode
       * @return The offset in the buffer where the encoded string starts
       */
      createString(s) {
        if (s == null)
          return 0;
        let utf8;
        return s instanceof Uint8Array ? utf8 = s : utf8 = this.text_encoder.encode(s), this.addInt8(0), this.startVector(1, utf8.length, 1), this.bb.setPosition(this.space -= utf8.length), this.bb.bytes().set(utf8, this.space), this.endVector();
      }
      /**
       * Create a byte vector.
       *
       * @param v The bytes to add
       * @returns The offset in the buffer where the byte vector starts
       */
      createByteVector(v) {
        return v == null ? 0 : (this.startVector(1, v.length, 1), this.bb.setPosition(this.space -= v.length), this.bb.bytes().set(v, this.space), this.endVector());
      }
      /**
       * A helper function to pack an object
       *
       * @returns offset of obj
       */
      createObjectOffset(obj) {
        return obj === null ? 0 : typeof obj == "string" ? this.createString(obj) : obj.pack(this);
      }
      /**
       * A helper function to pack a list of object
       *
       * @returns list of offsets of each non null object
       */
      createObjectOffsetList(list) {
        let ret = [];
        for (let i = 0; i < list.length; ++i) {
          let val = list[i];
          if (val !== null)
            ret.push(this.createObjectOffset(val));
          else
            throw new TypeError("FlatBuffers: Argument for createObjectOffsetList cannot contain null.");
        }
        return ret;
      }
      createStructOffsetList(list, startFunc) {
        return startFunc(this, list.length), this.createObjectOffsetList(list.slice().reverse()), this.endVector();
      }
    };
    exports.Builder = Builder6;
  }
});

// node_modules/flatbuffers/js/flatbuffers.js
var require_flatbuffers = __commonJS({
  "node_modules/flatbuffers/js/flatbuffers.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Encoding = exports.ByteBuffer = exports.Builder = exports.isLittleEndian = exports.int32 = exports.float64 = exports.float32 = exports.SIZE_PREFIX_LENGTH = exports.SIZEOF_SHORT = exports.SIZEOF_INT = exports.FILE_IDENTIFIER_LENGTH = void 0;
    var constants_js_1 = require_constants();
    Object.defineProperty(exports, "FILE_IDENTIFIER_LENGTH", { enumerable: !0, get: function() {
      return constants_js_1.FILE_IDENTIFIER_LENGTH;
    } });
    Object.defineProperty(exports, "SIZEOF_INT", { enumerable: !0, get: function() {
      return constants_js_1.SIZEOF_INT;
    } });
    Object.defineProperty(exports, "SIZEOF_SHORT", { enumerable: !0, get: function() {
      return constants_js_1.SIZEOF_SHORT;
    } });
    Object.defineProperty(exports, "SIZE_PREFIX_LENGTH", { enumerable: !0, get: function() {
      return constants_js_1.SIZE_PREFIX_LENGTH;
    } });
    var utils_js_1 = require_utils();
    Object.defineProperty(exports, "float32", { enumerable: !0, get: function() {
      return utils_js_1.float32;
    } });
    Object.defineProperty(exports, "float64", { enumerable: !0, get: function() {
      return utils_js_1.float64;
    } });
    Object.defineProperty(exports, "int32", { enumerable: !0, get: function() {
      return utils_js_1.int32;
    } });
    Object.defineProperty(exports, "isLittleEndian", { enumerable: !0, get: function() {
      return utils_js_1.isLittleEndian;
    } });
    var builder_js_1 = require_builder();
    Object.defineProperty(exports, "Builder", { enumerable: !0, get: function() {
      return builder_js_1.Builder;
    } });
    var byte_buffer_js_1 = require_byte_buffer();
    Object.defineProperty(exports, "ByteBuffer", { enumerable: !0, get: function() {
      return byte_buffer_js_1.ByteBuffer;
    } });
    var encoding_js_1 = require_encoding();
    Object.defineProperty(exports, "Encoding", { enumerable: !0, get: function() {
      return encoding_js_1.Encoding;
    } });
  }
});

// node_modules/tslib/tslib.es6.mjs
function __rest(s, e) {
  var t = {};
  for (var p in s) Object.prototype.hasOwnProperty.call(s, p) && e.indexOf(p) < 0 && (t[p] = s[p]);
  if (s != null && typeof Object.getOwnPropertySymbols == "function")
    for (var i = 0, p = Object.getOwnPropertySymbols(s); i < p.length; i++)
      e.indexOf(p[i]) < 0 && Object.prototype.propertyIsEnumerable.call(s, p[i]) && (t[p[i]] = s[p[i]]);
  return t;
}
function __awaiter(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator.throw(value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
}
function __values(o) {
  var s = typeof Symbol == "function" && Symbol.iterator, m = s && o[s], i = 0;
  if (m) return m.call(o);
  if (o && typeof o.length == "number") return {
    next: function() {
      return o && i >= o.length && (o = void 0), { value: o && o[i++], done: !o };
    }
  };
  throw new TypeError(s ? "Object is not iterable." : "Symbol.iterator is not defined.");
}
function __await(v) {
  return this instanceof __await ? (this.v = v, this) : new __await(v);
}
function __asyncGenerator(thisArg, _arguments, generator) {
  if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
  var g = generator.apply(thisArg, _arguments || []), i, q = [];
  return i = Object.create((typeof AsyncIterator == "function" ? AsyncIterator : Object).prototype), verb("next"), verb("throw"), verb("return", awaitReturn), i[Symbol.asyncIterator] = function() {
    return this;
  }, i;
  function awaitReturn(f) {
    return function(v) {
      return Promise.resolve(v).then(f, reject);
    };
  }
  function verb(n, f) {
    g[n] && (i[n] = function(v) {
      return new Promise(function(a, b) {
        q.push([n, v, a, b]) > 1 || resume(n, v);
      });
    }, f && (i[n] = f(i[n])));
  }
  function resume(n, v) {
    try {
      step(g[n](v));
    } catch (e) {
      settle(q[0][3], e);
    }
  }
  function step(r) {
    r.value instanceof __await ? Promise.resolve(r.value.v).then(fulfill, reject) : settle(q[0][2], r);
  }
  function fulfill(value) {
    resume("next", value);
  }
  function reject(value) {
    resume("throw", value);
  }
  function settle(f, v) {
    f(v), q.shift(), q.length && resume(q[0][0], q[0][1]);
  }
}
function __asyncDelegator(o) {
  var i, p;
  return i = {}, verb("next"), verb("throw", function(e) {
    throw e;
  }), verb("return"), i[Symbol.iterator] = function() {
    return this;
  }, i;
  function verb(n, f) {
    i[n] = o[n] ? function(v) {
      return (p = !p) ? { value: __await(o[n](v)), done: !1 } : f ? f(v) : v;
    } : f;
  }
}
function __asyncValues(o) {
  if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
  var m = o[Symbol.asyncIterator], i;
  return m ? m.call(o) : (o = typeof __values == "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function() {
    return this;
  }, i);
  function verb(n) {
    i[n] = o[n] && function(v) {
      return new Promise(function(resolve, reject) {
        v = o[n](v), settle(resolve, reject, v.done, v.value);
      });
    };
  }
  function settle(resolve, reject, d, v) {
    Promise.resolve(v).then(function(v2) {
      resolve({ value: v2, done: d });
    }, reject);
  }
}

// node_modules/apache-arrow/util/buffer.mjs
var buffer_exports = {};
__export(buffer_exports, {
  compareArrayLike: () => compareArrayLike,
  joinUint8Arrays: () => joinUint8Arrays,
  memcpy: () => memcpy,
  rebaseValueOffsets: () => rebaseValueOffsets,
  toArrayBufferView: () => toArrayBufferView,
  toArrayBufferViewAsyncIterator: () => toArrayBufferViewAsyncIterator,
  toArrayBufferViewIterator: () => toArrayBufferViewIterator,
  toBigInt64Array: () => toBigInt64Array,
  toBigUint64Array: () => toBigUint64Array,
  toFloat32Array: () => toFloat32Array,
  toFloat32ArrayAsyncIterator: () => toFloat32ArrayAsyncIterator,
  toFloat32ArrayIterator: () => toFloat32ArrayIterator,
  toFloat64Array: () => toFloat64Array,
  toFloat64ArrayAsyncIterator: () => toFloat64ArrayAsyncIterator,
  toFloat64ArrayIterator: () => toFloat64ArrayIterator,
  toInt16Array: () => toInt16Array,
  toInt16ArrayAsyncIterator: () => toInt16ArrayAsyncIterator,
  toInt16ArrayIterator: () => toInt16ArrayIterator,
  toInt32Array: () => toInt32Array,
  toInt32ArrayAsyncIterator: () => toInt32ArrayAsyncIterator,
  toInt32ArrayIterator: () => toInt32ArrayIterator,
  toInt8Array: () => toInt8Array,
  toInt8ArrayAsyncIterator: () => toInt8ArrayAsyncIterator,
  toInt8ArrayIterator: () => toInt8ArrayIterator,
  toUint16Array: () => toUint16Array,
  toUint16ArrayAsyncIterator: () => toUint16ArrayAsyncIterator,
  toUint16ArrayIterator: () => toUint16ArrayIterator,
  toUint32Array: () => toUint32Array,
  toUint32ArrayAsyncIterator: () => toUint32ArrayAsyncIterator,
  toUint32ArrayIterator: () => toUint32ArrayIterator,
  toUint8Array: () => toUint8Array,
  toUint8ArrayAsyncIterator: () => toUint8ArrayAsyncIterator,
  toUint8ArrayIterator: () => toUint8ArrayIterator,
  toUint8ClampedArray: () => toUint8ClampedArray,
  toUint8ClampedArrayAsyncIterator: () => toUint8ClampedArrayAsyncIterator,
  toUint8ClampedArrayIterator: () => toUint8ClampedArrayIterator
});

// node_modules/apache-arrow/util/utf8.mjs
var decoder = new TextDecoder("utf-8"), decodeUtf8 = decoder.decode.bind(decoder), encoder = new TextEncoder(), encodeUtf8 = (value) => encoder.encode(value);

// node_modules/apache-arrow/util/compat.mjs
var isNumber = (x) => typeof x == "number", isBoolean = (x) => typeof x == "boolean", isFunction = (x) => typeof x == "function", isObject = (x) => x != null && Object(x) === x, isPromise = (x) => isObject(x) && isFunction(x.then);
var isIterable = (x) => isObject(x) && isFunction(x[Symbol.iterator]), isAsyncIterable = (x) => isObject(x) && isFunction(x[Symbol.asyncIterator]), isArrowJSON = (x) => isObject(x) && isObject(x.schema);
var isIteratorResult = (x) => isObject(x) && "done" in x && "value" in x;
var isFileHandle = (x) => isObject(x) && isFunction(x.stat) && isNumber(x.fd);
var isFetchResponse = (x) => isObject(x) && isReadableDOMStream(x.body), isReadableInterop = (x) => "_getDOMStream" in x && "_getNodeStream" in x, isWritableDOMStream = (x) => isObject(x) && isFunction(x.abort) && isFunction(x.getWriter) && !isReadableInterop(x), isReadableDOMStream = (x) => isObject(x) && isFunction(x.cancel) && isFunction(x.getReader) && !isReadableInterop(x), isWritableNodeStream = (x) => isObject(x) && isFunction(x.end) && isFunction(x.write) && isBoolean(x.writable) && !isReadableInterop(x), isReadableNodeStream = (x) => isObject(x) && isFunction(x.read) && isFunction(x.pipe) && isBoolean(x.readable) && !isReadableInterop(x), isFlatbuffersByteBuffer = (x) => isObject(x) && isFunction(x.clear) && isFunction(x.bytes) && isFunction(x.position) && isFunction(x.setPosition) && isFunction(x.capacity) && isFunction(x.getBufferIdentifier) && isFunction(x.createLong);

// node_modules/apache-arrow/util/buffer.mjs
var SharedArrayBuf = typeof SharedArrayBuffer < "u" ? SharedArrayBuffer : ArrayBuffer;
function collapseContiguousByteRanges(chunks) {
  let result = chunks[0] ? [chunks[0]] : [], xOffset, yOffset, xLen, yLen;
  for (let x, y, i = 0, j = 0, n = chunks.length; ++i < n; ) {
    if (x = result[j], y = chunks[i], !x || !y || x.buffer !== y.buffer || y.byteOffset < x.byteOffset) {
      y && (result[++j] = y);
      continue;
    }
    if ({ byteOffset: xOffset, byteLength: xLen } = x, { byteOffset: yOffset, byteLength: yLen } = y, xOffset + xLen < yOffset || yOffset + yLen < xOffset) {
      y && (result[++j] = y);
      continue;
    }
    result[j] = new Uint8Array(x.buffer, xOffset, yOffset - xOffset + yLen);
  }
  return result;
}
function memcpy(target, source, targetByteOffset = 0, sourceByteLength = source.byteLength) {
  let targetByteLength = target.byteLength, dst = new Uint8Array(target.buffer, target.byteOffset, targetByteLength), src = new Uint8Array(source.buffer, source.byteOffset, Math.min(sourceByteLength, targetByteLength));
  return dst.set(src, targetByteOffset), target;
}
function joinUint8Arrays(chunks, size) {
  let result = collapseContiguousByteRanges(chunks), byteLength = result.reduce((x, b) => x + b.byteLength, 0), source, sliced, buffer, offset = 0, index = -1, length = Math.min(size || Number.POSITIVE_INFINITY, byteLength);
  for (let n = result.length; ++index < n; ) {
    if (source = result[index], sliced = source.subarray(0, Math.min(source.length, length - offset)), length <= offset + sliced.length) {
      sliced.length < source.length ? result[index] = source.subarray(sliced.length) : sliced.length === source.length && index++, buffer ? memcpy(buffer, sliced, offset) : buffer = sliced;
      break;
    }
    memcpy(buffer || (buffer = new Uint8Array(length)), sliced, offset), offset += sliced.length;
  }
  return [buffer || new Uint8Array(0), result.slice(index), byteLength - (buffer ? buffer.byteLength : 0)];
}
function toArrayBufferView(ArrayBufferViewCtor, input) {
  let value = isIteratorResult(input) ? input.value : input;
  return value instanceof ArrayBufferViewCtor ? ArrayBufferViewCtor === Uint8Array ? new ArrayBufferViewCtor(value.buffer, value.byteOffset, value.byteLength) : value : value ? (typeof value == "string" && (value = encodeUtf8(value)), value instanceof ArrayBuffer ? new ArrayBufferViewCtor(value) : value instanceof SharedArrayBuf ? new ArrayBufferViewCtor(value) : isFlatbuffersByteBuffer(value) ? toArrayBufferView(ArrayBufferViewCtor, value.bytes()) : ArrayBuffer.isView(value) ? value.byteLength <= 0 ? new ArrayBufferViewCtor(0) : new ArrayBufferViewCtor(value.buffer, value.byteOffset, value.byteLength / ArrayBufferViewCtor.BYTES_PER_ELEMENT) : ArrayBufferViewCtor.from(value)) : new ArrayBufferViewCtor(0);
}
var toInt8Array = (input) => toArrayBufferView(Int8Array, input), toInt16Array = (input) => toArrayBufferView(Int16Array, input), toInt32Array = (input) => toArrayBufferView(Int32Array, input), toBigInt64Array = (input) => toArrayBufferView(BigInt64Array, input), toUint8Array = (input) => toArrayBufferView(Uint8Array, input), toUint16Array = (input) => toArrayBufferView(Uint16Array, input), toUint32Array = (input) => toArrayBufferView(Uint32Array, input), toBigUint64Array = (input) => toArrayBufferView(BigUint64Array, input), toFloat32Array = (input) => toArrayBufferView(Float32Array, input), toFloat64Array = (input) => toArrayBufferView(Float64Array, input), toUint8ClampedArray = (input) => toArrayBufferView(Uint8ClampedArray, input), pump = (iterator) => (iterator.next(), iterator);
function* toArrayBufferViewIterator(ArrayCtor, source) {
  let wrap = function* (x) {
    yield x;
  }, buffers = typeof source == "string" || ArrayBuffer.isView(source) || source instanceof ArrayBuffer || source instanceof SharedArrayBuf ? wrap(source) : isIterable(source) ? source : wrap(source);
  return yield* pump((function* (it) {
    let r = null;
    do
      r = it.next(yield toArrayBufferView(ArrayCtor, r));
    while (!r.done);
  })(buffers[Symbol.iterator]())), new ArrayCtor();
}
var toInt8ArrayIterator = (input) => toArrayBufferViewIterator(Int8Array, input), toInt16ArrayIterator = (input) => toArrayBufferViewIterator(Int16Array, input), toInt32ArrayIterator = (input) => toArrayBufferViewIterator(Int32Array, input), toUint8ArrayIterator = (input) => toArrayBufferViewIterator(Uint8Array, input), toUint16ArrayIterator = (input) => toArrayBufferViewIterator(Uint16Array, input), toUint32ArrayIterator = (input) => toArrayBufferViewIterator(Uint32Array, input), toFloat32ArrayIterator = (input) => toArrayBufferViewIterator(Float32Array, input), toFloat64ArrayIterator = (input) => toArrayBufferViewIterator(Float64Array, input), toUint8ClampedArrayIterator = (input) => toArrayBufferViewIterator(Uint8ClampedArray, input);
function toArrayBufferViewAsyncIterator(ArrayCtor, source) {
  return __asyncGenerator(this, arguments, function* () {
    if (isPromise(source))
      return yield __await(yield __await(yield* __asyncDelegator(__asyncValues(toArrayBufferViewAsyncIterator(ArrayCtor, yield __await(source))))));
    let wrap = function(x) {
      return __asyncGenerator(this, arguments, function* () {
        yield yield __await(yield __await(x));
      });
    }, emit = function(source2) {
      return __asyncGenerator(this, arguments, function* () {
        yield __await(yield* __asyncDelegator(__asyncValues(pump((function* (it) {
          let r = null;
          do
            r = it.next(yield r?.value);
          while (!r.done);
        })(source2[Symbol.iterator]())))));
      });
    }, buffers = typeof source == "string" || ArrayBuffer.isView(source) || source instanceof ArrayBuffer || source instanceof SharedArrayBuf ? wrap(source) : isIterable(source) ? emit(source) : isAsyncIterable(source) ? source : wrap(source);
    return yield __await(
      // otherwise if AsyncIterable, use it
      yield* __asyncDelegator(__asyncValues(pump((function(it) {
        return __asyncGenerator(this, arguments, function* () {
          let r = null;
          do
            r = yield __await(it.next(yield yield __await(toArrayBufferView(ArrayCtor, r))));
          while (!r.done);
        });
      })(buffers[Symbol.asyncIterator]()))))
    ), yield __await(new ArrayCtor());
  });
}
var toInt8ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Int8Array, input), toInt16ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Int16Array, input), toInt32ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Int32Array, input), toUint8ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Uint8Array, input), toUint16ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Uint16Array, input), toUint32ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Uint32Array, input), toFloat32ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Float32Array, input), toFloat64ArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Float64Array, input), toUint8ClampedArrayAsyncIterator = (input) => toArrayBufferViewAsyncIterator(Uint8ClampedArray, input);
function rebaseValueOffsets(offset, length, valueOffsets) {
  if (offset !== 0) {
    valueOffsets = valueOffsets.slice(0, length);
    let delta = typeof valueOffsets[0] == "bigint" ? BigInt(offset) : offset;
    for (let i = -1, n = valueOffsets.length; ++i < n; )
      valueOffsets[i] += delta;
  }
  return valueOffsets.subarray(0, length);
}
function compareArrayLike(a, b) {
  let i = 0, n = a.length;
  if (n !== b.length)
    return !1;
  if (n > 0)
    do
      if (a[i] !== b[i])
        return !1;
    while (++i < n);
  return !0;
}

// node_modules/apache-arrow/io/adapters.mjs
var adapters_default = {
  fromIterable(source) {
    return pump2(fromIterable(source));
  },
  fromAsyncIterable(source) {
    return pump2(fromAsyncIterable(source));
  },
  fromDOMStream(source) {
    return pump2(fromDOMStream(source));
  },
  fromNodeStream(stream) {
    return pump2(fromNodeStream(stream));
  },
  // @ts-ignore
  toDOMStream(source, options) {
    throw new Error('"toDOMStream" not available in this environment');
  },
  // @ts-ignore
  toNodeStream(source, options) {
    throw new Error('"toNodeStream" not available in this environment');
  }
}, pump2 = (iterator) => (iterator.next(), iterator);
function* fromIterable(source) {
  let done, threw = !1, buffers = [], buffer, cmd, size, bufferLength = 0;
  function byteRange() {
    return cmd === "peek" ? joinUint8Arrays(buffers, size)[0] : ([buffer, buffers, bufferLength] = joinUint8Arrays(buffers, size), buffer);
  }
  ({ cmd, size } = (yield null) || { cmd: "read", size: 0 });
  let it = toUint8ArrayIterator(source)[Symbol.iterator]();
  try {
    do
      if ({ done, value: buffer } = Number.isNaN(size - bufferLength) ? it.next() : it.next(size - bufferLength), !done && buffer.byteLength > 0 && (buffers.push(buffer), bufferLength += buffer.byteLength), done || size <= bufferLength)
        do
          ({ cmd, size } = yield byteRange());
        while (size < bufferLength);
    while (!done);
  } catch (e) {
    threw = !0, typeof it.throw == "function" && it.throw(e);
  } finally {
    threw === !1 && typeof it.return == "function" && it.return(null);
  }
  return null;
}
function fromAsyncIterable(source) {
  return __asyncGenerator(this, arguments, function* () {
    let done, threw = !1, buffers = [], buffer, cmd, size, bufferLength = 0;
    function byteRange() {
      return cmd === "peek" ? joinUint8Arrays(buffers, size)[0] : ([buffer, buffers, bufferLength] = joinUint8Arrays(buffers, size), buffer);
    }
    ({ cmd, size } = (yield yield __await(null)) || { cmd: "read", size: 0 });
    let it = toUint8ArrayAsyncIterator(source)[Symbol.asyncIterator]();
    try {
      do
        if ({ done, value: buffer } = Number.isNaN(size - bufferLength) ? yield __await(it.next()) : yield __await(it.next(size - bufferLength)), !done && buffer.byteLength > 0 && (buffers.push(buffer), bufferLength += buffer.byteLength), done || size <= bufferLength)
          do
            ({ cmd, size } = yield yield __await(byteRange()));
          while (size < bufferLength);
      while (!done);
    } catch (e) {
      threw = !0, typeof it.throw == "function" && (yield __await(it.throw(e)));
    } finally {
      threw === !1 && typeof it.return == "function" && (yield __await(it.return(new Uint8Array(0))));
    }
    return yield __await(null);
  });
}
function fromDOMStream(source) {
  return __asyncGenerator(this, arguments, function* () {
    let done = !1, threw = !1, buffers = [], buffer, cmd, size, bufferLength = 0;
    function byteRange() {
      return cmd === "peek" ? joinUint8Arrays(buffers, size)[0] : ([buffer, buffers, bufferLength] = joinUint8Arrays(buffers, size), buffer);
    }
    ({ cmd, size } = (yield yield __await(null)) || { cmd: "read", size: 0 });
    let it = new AdaptiveByteReader(source);
    try {
      do
        if ({ done, value: buffer } = Number.isNaN(size - bufferLength) ? yield __await(it.read()) : yield __await(it.read(size - bufferLength)), !done && buffer.byteLength > 0 && (buffers.push(toUint8Array(buffer)), bufferLength += buffer.byteLength), done || size <= bufferLength)
          do
            ({ cmd, size } = yield yield __await(byteRange()));
          while (size < bufferLength);
      while (!done);
    } catch (e) {
      threw = !0, yield __await(it.cancel(e));
    } finally {
      threw === !1 ? yield __await(it.cancel()) : source.locked && it.releaseLock();
    }
    return yield __await(null);
  });
}
var AdaptiveByteReader = class {
  constructor(source) {
    this.source = source, this.reader = null, this.reader = this.source.getReader(), this.reader.closed.catch(() => {
    });
  }
  get closed() {
    return this.reader ? this.reader.closed.catch(() => {
    }) : Promise.resolve();
  }
  releaseLock() {
    this.reader && this.reader.releaseLock(), this.reader = null;
  }
  cancel(reason) {
    return __awaiter(this, void 0, void 0, function* () {
      let { reader, source } = this;
      reader && (yield reader.cancel(reason).catch(() => {
      })), source && source.locked && this.releaseLock();
    });
  }
  read(size) {
    return __awaiter(this, void 0, void 0, function* () {
      if (size === 0)
        return { done: this.reader == null, value: new Uint8Array(0) };
      let result = yield this.reader.read();
      return !result.done && (result.value = toUint8Array(result)), result;
    });
  }
}, onEvent = (stream, event) => {
  let handler = (_) => resolve([event, _]), resolve;
  return [event, handler, new Promise((r) => (resolve = r) && stream.once(event, handler))];
};
function fromNodeStream(stream) {
  return __asyncGenerator(this, arguments, function* () {
    let events = [], event = "error", done = !1, err = null, cmd, size, bufferLength = 0, buffers = [], buffer;
    function byteRange() {
      return cmd === "peek" ? joinUint8Arrays(buffers, size)[0] : ([buffer, buffers, bufferLength] = joinUint8Arrays(buffers, size), buffer);
    }
    if ({ cmd, size } = (yield yield __await(null)) || { cmd: "read", size: 0 }, stream.isTTY)
      return yield yield __await(new Uint8Array(0)), yield __await(null);
    try {
      events[0] = onEvent(stream, "end"), events[1] = onEvent(stream, "error");
      do {
        if (events[2] = onEvent(stream, "readable"), [event, err] = yield __await(Promise.race(events.map((x) => x[2]))), event === "error")
          break;
        if ((done = event === "end") || (Number.isFinite(size - bufferLength) ? (buffer = toUint8Array(stream.read(size - bufferLength)), buffer.byteLength < size - bufferLength && (buffer = toUint8Array(stream.read()))) : buffer = toUint8Array(stream.read()), buffer.byteLength > 0 && (buffers.push(buffer), bufferLength += buffer.byteLength)), done || size <= bufferLength)
          do
            ({ cmd, size } = yield yield __await(byteRange()));
          while (size < bufferLength);
      } while (!done);
    } finally {
      yield __await(cleanup(events, event === "error" ? err : null));
    }
    return yield __await(null);
    function cleanup(events2, err2) {
      return buffer = buffers = null, new Promise((resolve, reject) => {
        for (let [evt, fn] of events2)
          stream.off(evt, fn);
        try {
          let destroy = stream.destroy;
          destroy && destroy.call(stream, err2), err2 = void 0;
        } catch (e) {
          err2 = e || err2;
        } finally {
          err2 != null ? reject(err2) : resolve();
        }
      });
    }
  });
}

// node_modules/apache-arrow/fb/metadata-version.mjs
var MetadataVersion;
(function(MetadataVersion2) {
  MetadataVersion2[MetadataVersion2.V1 = 0] = "V1", MetadataVersion2[MetadataVersion2.V2 = 1] = "V2", MetadataVersion2[MetadataVersion2.V3 = 2] = "V3", MetadataVersion2[MetadataVersion2.V4 = 3] = "V4", MetadataVersion2[MetadataVersion2.V5 = 4] = "V5";
})(MetadataVersion || (MetadataVersion = {}));

// node_modules/apache-arrow/fb/union-mode.mjs
var UnionMode;
(function(UnionMode2) {
  UnionMode2[UnionMode2.Sparse = 0] = "Sparse", UnionMode2[UnionMode2.Dense = 1] = "Dense";
})(UnionMode || (UnionMode = {}));

// node_modules/apache-arrow/fb/precision.mjs
var Precision;
(function(Precision2) {
  Precision2[Precision2.HALF = 0] = "HALF", Precision2[Precision2.SINGLE = 1] = "SINGLE", Precision2[Precision2.DOUBLE = 2] = "DOUBLE";
})(Precision || (Precision = {}));

// node_modules/apache-arrow/fb/date-unit.mjs
var DateUnit;
(function(DateUnit2) {
  DateUnit2[DateUnit2.DAY = 0] = "DAY", DateUnit2[DateUnit2.MILLISECOND = 1] = "MILLISECOND";
})(DateUnit || (DateUnit = {}));

// node_modules/apache-arrow/fb/time-unit.mjs
var TimeUnit;
(function(TimeUnit2) {
  TimeUnit2[TimeUnit2.SECOND = 0] = "SECOND", TimeUnit2[TimeUnit2.MILLISECOND = 1] = "MILLISECOND", TimeUnit2[TimeUnit2.MICROSECOND = 2] = "MICROSECOND", TimeUnit2[TimeUnit2.NANOSECOND = 3] = "NANOSECOND";
})(TimeUnit || (TimeUnit = {}));

// node_modules/apache-arrow/fb/interval-unit.mjs
var IntervalUnit;
(function(IntervalUnit2) {
  IntervalUnit2[IntervalUnit2.YEAR_MONTH = 0] = "YEAR_MONTH", IntervalUnit2[IntervalUnit2.DAY_TIME = 1] = "DAY_TIME", IntervalUnit2[IntervalUnit2.MONTH_DAY_NANO = 2] = "MONTH_DAY_NANO";
})(IntervalUnit || (IntervalUnit = {}));

// node_modules/apache-arrow/fb/dictionary-batch.mjs
var flatbuffers3 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/record-batch.mjs
var flatbuffers2 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/body-compression.mjs
var flatbuffers = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/body-compression-method.mjs
var BodyCompressionMethod;
(function(BodyCompressionMethod2) {
  BodyCompressionMethod2[BodyCompressionMethod2.BUFFER = 0] = "BUFFER";
})(BodyCompressionMethod || (BodyCompressionMethod = {}));

// node_modules/apache-arrow/fb/compression-type.mjs
var CompressionType;
(function(CompressionType2) {
  CompressionType2[CompressionType2.LZ4_FRAME = 0] = "LZ4_FRAME", CompressionType2[CompressionType2.ZSTD = 1] = "ZSTD";
})(CompressionType || (CompressionType = {}));

// node_modules/apache-arrow/fb/body-compression.mjs
var BodyCompression = class _BodyCompression {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsBodyCompression(bb, obj) {
    return (obj || new _BodyCompression()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsBodyCompression(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers.SIZE_PREFIX_LENGTH), (obj || new _BodyCompression()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * Compressor library.
   * For LZ4_FRAME, each compressed buffer must consist of a single frame.
   */
  codec() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt8(this.bb_pos + offset) : CompressionType.LZ4_FRAME;
  }
  /**
   * Indicates the way the record batch body was compressed
   */
  method() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.readInt8(this.bb_pos + offset) : BodyCompressionMethod.BUFFER;
  }
  static startBodyCompression(builder) {
    builder.startObject(2);
  }
  static addCodec(builder, codec) {
    builder.addFieldInt8(0, codec, CompressionType.LZ4_FRAME);
  }
  static addMethod(builder, method) {
    builder.addFieldInt8(1, method, BodyCompressionMethod.BUFFER);
  }
  static endBodyCompression(builder) {
    return builder.endObject();
  }
  static createBodyCompression(builder, codec, method) {
    return _BodyCompression.startBodyCompression(builder), _BodyCompression.addCodec(builder, codec), _BodyCompression.addMethod(builder, method), _BodyCompression.endBodyCompression(builder);
  }
};

// node_modules/apache-arrow/fb/buffer.mjs
var Buffer = class {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  /**
   * The relative offset into the shared memory page where the bytes for this
   * buffer starts
   */
  offset() {
    return this.bb.readInt64(this.bb_pos);
  }
  /**
   * The absolute length (in bytes) of the memory buffer. The memory is found
   * from offset (inclusive) to offset + length (non-inclusive). When building
   * messages using the encapsulated IPC message, padding bytes may be written
   * after a buffer, but such padding bytes do not need to be accounted for in
   * the size here.
   */
  length() {
    return this.bb.readInt64(this.bb_pos + 8);
  }
  static sizeOf() {
    return 16;
  }
  static createBuffer(builder, offset, length) {
    return builder.prep(8, 16), builder.writeInt64(BigInt(length ?? 0)), builder.writeInt64(BigInt(offset ?? 0)), builder.offset();
  }
};

// node_modules/apache-arrow/fb/field-node.mjs
var FieldNode = class {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  /**
   * The number of value slots in the Arrow array at this level of a nested
   * tree
   */
  length() {
    return this.bb.readInt64(this.bb_pos);
  }
  /**
   * The number of observed nulls. Fields with null_count == 0 may choose not
   * to write their physical validity bitmap out as a materialized buffer,
   * instead setting the length of the bitmap buffer to 0.
   */
  nullCount() {
    return this.bb.readInt64(this.bb_pos + 8);
  }
  static sizeOf() {
    return 16;
  }
  static createFieldNode(builder, length, null_count) {
    return builder.prep(8, 16), builder.writeInt64(BigInt(null_count ?? 0)), builder.writeInt64(BigInt(length ?? 0)), builder.offset();
  }
};

// node_modules/apache-arrow/fb/record-batch.mjs
var RecordBatch = class _RecordBatch {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsRecordBatch(bb, obj) {
    return (obj || new _RecordBatch()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsRecordBatch(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers2.SIZE_PREFIX_LENGTH), (obj || new _RecordBatch()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * number of records / rows. The arrays in the batch should all have this
   * length
   */
  length() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt64(this.bb_pos + offset) : BigInt("0");
  }
  /**
   * Nodes correspond to the pre-ordered flattened logical schema
   */
  nodes(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? (obj || new FieldNode()).__init(this.bb.__vector(this.bb_pos + offset) + index * 16, this.bb) : null;
  }
  nodesLength() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  /**
   * Buffers correspond to the pre-ordered flattened buffer tree
   *
   * The number of buffers appended to this list depends on the schema. For
   * example, most primitive arrays will have 2 buffers, 1 for the validity
   * bitmap and 1 for the values. For struct arrays, there will only be a
   * single buffer for the validity (nulls) bitmap
   */
  buffers(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? (obj || new Buffer()).__init(this.bb.__vector(this.bb_pos + offset) + index * 16, this.bb) : null;
  }
  buffersLength() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  /**
   * Optional compression of the message body
   */
  compression(obj) {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? (obj || new BodyCompression()).__init(this.bb.__indirect(this.bb_pos + offset), this.bb) : null;
  }
  /**
   * Some types such as Utf8View are represented using a variable number of buffers.
   * For each such Field in the pre-ordered flattened logical schema, there will be
   * an entry in variadicBufferCounts to indicate the number of number of variadic
   * buffers which belong to that Field in the current RecordBatch.
   *
   * For example, the schema
   *     col1: Struct<alpha: Int32, beta: BinaryView, gamma: Float64>
   *     col2: Utf8View
   * contains two Fields with variadic buffers so variadicBufferCounts will have
   * two entries, the first counting the variadic buffers of `col1.beta` and the
   * second counting `col2`'s.
   *
   * This field may be omitted if and only if the schema contains no Fields with
   * a variable number of buffers, such as BinaryView and Utf8View.
   */
  variadicBufferCounts(index) {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? this.bb.readInt64(this.bb.__vector(this.bb_pos + offset) + index * 8) : BigInt(0);
  }
  variadicBufferCountsLength() {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  static startRecordBatch(builder) {
    builder.startObject(5);
  }
  static addLength(builder, length) {
    builder.addFieldInt64(0, length, BigInt("0"));
  }
  static addNodes(builder, nodesOffset) {
    builder.addFieldOffset(1, nodesOffset, 0);
  }
  static startNodesVector(builder, numElems) {
    builder.startVector(16, numElems, 8);
  }
  static addBuffers(builder, buffersOffset) {
    builder.addFieldOffset(2, buffersOffset, 0);
  }
  static startBuffersVector(builder, numElems) {
    builder.startVector(16, numElems, 8);
  }
  static addCompression(builder, compressionOffset) {
    builder.addFieldOffset(3, compressionOffset, 0);
  }
  static addVariadicBufferCounts(builder, variadicBufferCountsOffset) {
    builder.addFieldOffset(4, variadicBufferCountsOffset, 0);
  }
  static createVariadicBufferCountsVector(builder, data) {
    builder.startVector(8, data.length, 8);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addInt64(data[i]);
    return builder.endVector();
  }
  static startVariadicBufferCountsVector(builder, numElems) {
    builder.startVector(8, numElems, 8);
  }
  static endRecordBatch(builder) {
    return builder.endObject();
  }
};

// node_modules/apache-arrow/fb/dictionary-batch.mjs
var DictionaryBatch = class _DictionaryBatch {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsDictionaryBatch(bb, obj) {
    return (obj || new _DictionaryBatch()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsDictionaryBatch(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers3.SIZE_PREFIX_LENGTH), (obj || new _DictionaryBatch()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  id() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt64(this.bb_pos + offset) : BigInt("0");
  }
  data(obj) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? (obj || new RecordBatch()).__init(this.bb.__indirect(this.bb_pos + offset), this.bb) : null;
  }
  /**
   * If isDelta is true the values in the dictionary are to be appended to a
   * dictionary with the indicated id. If isDelta is false this dictionary
   * should replace the existing dictionary.
   */
  isDelta() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? !!this.bb.readInt8(this.bb_pos + offset) : !1;
  }
  static startDictionaryBatch(builder) {
    builder.startObject(3);
  }
  static addId(builder, id) {
    builder.addFieldInt64(0, id, BigInt("0"));
  }
  static addData(builder, dataOffset) {
    builder.addFieldOffset(1, dataOffset, 0);
  }
  static addIsDelta(builder, isDelta) {
    builder.addFieldInt8(2, +isDelta, 0);
  }
  static endDictionaryBatch(builder) {
    return builder.endObject();
  }
};

// node_modules/apache-arrow/fb/schema.mjs
var flatbuffers30 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/endianness.mjs
var Endianness;
(function(Endianness2) {
  Endianness2[Endianness2.Little = 0] = "Little", Endianness2[Endianness2.Big = 1] = "Big";
})(Endianness || (Endianness = {}));

// node_modules/apache-arrow/fb/field.mjs
var flatbuffers29 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/dictionary-encoding.mjs
var flatbuffers5 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/dictionary-kind.mjs
var DictionaryKind;
(function(DictionaryKind2) {
  DictionaryKind2[DictionaryKind2.DenseArray = 0] = "DenseArray";
})(DictionaryKind || (DictionaryKind = {}));

// node_modules/apache-arrow/fb/int.mjs
var flatbuffers4 = __toESM(require_flatbuffers(), 1), Int = class _Int {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsInt(bb, obj) {
    return (obj || new _Int()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsInt(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers4.SIZE_PREFIX_LENGTH), (obj || new _Int()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  bitWidth() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 0;
  }
  isSigned() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? !!this.bb.readInt8(this.bb_pos + offset) : !1;
  }
  static startInt(builder) {
    builder.startObject(2);
  }
  static addBitWidth(builder, bitWidth) {
    builder.addFieldInt32(0, bitWidth, 0);
  }
  static addIsSigned(builder, isSigned) {
    builder.addFieldInt8(1, +isSigned, 0);
  }
  static endInt(builder) {
    return builder.endObject();
  }
  static createInt(builder, bitWidth, isSigned) {
    return _Int.startInt(builder), _Int.addBitWidth(builder, bitWidth), _Int.addIsSigned(builder, isSigned), _Int.endInt(builder);
  }
};

// node_modules/apache-arrow/fb/dictionary-encoding.mjs
var DictionaryEncoding = class _DictionaryEncoding {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsDictionaryEncoding(bb, obj) {
    return (obj || new _DictionaryEncoding()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsDictionaryEncoding(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers5.SIZE_PREFIX_LENGTH), (obj || new _DictionaryEncoding()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * The known dictionary id in the application where this data is used. In
   * the file or streaming formats, the dictionary ids are found in the
   * DictionaryBatch messages
   */
  id() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt64(this.bb_pos + offset) : BigInt("0");
  }
  /**
   * The dictionary indices are constrained to be non-negative integers. If
   * this field is null, the indices must be signed int32. To maximize
   * cross-language compatibility and performance, implementations are
   * recommended to prefer signed integer types over unsigned integer types
   * and to avoid uint64 indices unless they are required by an application.
   */
  indexType(obj) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? (obj || new Int()).__init(this.bb.__indirect(this.bb_pos + offset), this.bb) : null;
  }
  /**
   * By default, dictionaries are not ordered, or the order does not have
   * semantic meaning. In some statistical, applications, dictionary-encoding
   * is used to represent ordered categorical data, and we provide a way to
   * preserve that metadata here
   */
  isOrdered() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? !!this.bb.readInt8(this.bb_pos + offset) : !1;
  }
  dictionaryKind() {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : DictionaryKind.DenseArray;
  }
  static startDictionaryEncoding(builder) {
    builder.startObject(4);
  }
  static addId(builder, id) {
    builder.addFieldInt64(0, id, BigInt("0"));
  }
  static addIndexType(builder, indexTypeOffset) {
    builder.addFieldOffset(1, indexTypeOffset, 0);
  }
  static addIsOrdered(builder, isOrdered) {
    builder.addFieldInt8(2, +isOrdered, 0);
  }
  static addDictionaryKind(builder, dictionaryKind) {
    builder.addFieldInt16(3, dictionaryKind, DictionaryKind.DenseArray);
  }
  static endDictionaryEncoding(builder) {
    return builder.endObject();
  }
};

// node_modules/apache-arrow/fb/key-value.mjs
var flatbuffers6 = __toESM(require_flatbuffers(), 1), KeyValue = class _KeyValue {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsKeyValue(bb, obj) {
    return (obj || new _KeyValue()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsKeyValue(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers6.SIZE_PREFIX_LENGTH), (obj || new _KeyValue()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  key(optionalEncoding) {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.__string(this.bb_pos + offset, optionalEncoding) : null;
  }
  value(optionalEncoding) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.__string(this.bb_pos + offset, optionalEncoding) : null;
  }
  static startKeyValue(builder) {
    builder.startObject(2);
  }
  static addKey(builder, keyOffset) {
    builder.addFieldOffset(0, keyOffset, 0);
  }
  static addValue(builder, valueOffset) {
    builder.addFieldOffset(1, valueOffset, 0);
  }
  static endKeyValue(builder) {
    return builder.endObject();
  }
  static createKeyValue(builder, keyOffset, valueOffset) {
    return _KeyValue.startKeyValue(builder), _KeyValue.addKey(builder, keyOffset), _KeyValue.addValue(builder, valueOffset), _KeyValue.endKeyValue(builder);
  }
};

// node_modules/apache-arrow/fb/binary.mjs
var flatbuffers7 = __toESM(require_flatbuffers(), 1), Binary = class _Binary {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsBinary(bb, obj) {
    return (obj || new _Binary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsBinary(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers7.SIZE_PREFIX_LENGTH), (obj || new _Binary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startBinary(builder) {
    builder.startObject(0);
  }
  static endBinary(builder) {
    return builder.endObject();
  }
  static createBinary(builder) {
    return _Binary.startBinary(builder), _Binary.endBinary(builder);
  }
};

// node_modules/apache-arrow/fb/binary-view.mjs
var flatbuffers8 = __toESM(require_flatbuffers(), 1), BinaryView = class _BinaryView {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsBinaryView(bb, obj) {
    return (obj || new _BinaryView()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsBinaryView(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers8.SIZE_PREFIX_LENGTH), (obj || new _BinaryView()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startBinaryView(builder) {
    builder.startObject(0);
  }
  static endBinaryView(builder) {
    return builder.endObject();
  }
  static createBinaryView(builder) {
    return _BinaryView.startBinaryView(builder), _BinaryView.endBinaryView(builder);
  }
};

// node_modules/apache-arrow/fb/bool.mjs
var flatbuffers9 = __toESM(require_flatbuffers(), 1), Bool = class _Bool {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsBool(bb, obj) {
    return (obj || new _Bool()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsBool(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers9.SIZE_PREFIX_LENGTH), (obj || new _Bool()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startBool(builder) {
    builder.startObject(0);
  }
  static endBool(builder) {
    return builder.endObject();
  }
  static createBool(builder) {
    return _Bool.startBool(builder), _Bool.endBool(builder);
  }
};

// node_modules/apache-arrow/fb/date.mjs
var flatbuffers10 = __toESM(require_flatbuffers(), 1);
var Date2 = class _Date {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsDate(bb, obj) {
    return (obj || new _Date()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsDate(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers10.SIZE_PREFIX_LENGTH), (obj || new _Date()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  unit() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : DateUnit.MILLISECOND;
  }
  static startDate(builder) {
    builder.startObject(1);
  }
  static addUnit(builder, unit) {
    builder.addFieldInt16(0, unit, DateUnit.MILLISECOND);
  }
  static endDate(builder) {
    return builder.endObject();
  }
  static createDate(builder, unit) {
    return _Date.startDate(builder), _Date.addUnit(builder, unit), _Date.endDate(builder);
  }
};

// node_modules/apache-arrow/fb/decimal.mjs
var flatbuffers11 = __toESM(require_flatbuffers(), 1), Decimal = class _Decimal {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsDecimal(bb, obj) {
    return (obj || new _Decimal()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsDecimal(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers11.SIZE_PREFIX_LENGTH), (obj || new _Decimal()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * Total number of decimal digits
   */
  precision() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 0;
  }
  /**
   * Number of digits after the decimal point "."
   */
  scale() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 0;
  }
  /**
   * Number of bits per value. The only accepted widths are 128 and 256.
   * We use bitWidth for consistency with Int::bitWidth.
   */
  bitWidth() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 128;
  }
  static startDecimal(builder) {
    builder.startObject(3);
  }
  static addPrecision(builder, precision) {
    builder.addFieldInt32(0, precision, 0);
  }
  static addScale(builder, scale) {
    builder.addFieldInt32(1, scale, 0);
  }
  static addBitWidth(builder, bitWidth) {
    builder.addFieldInt32(2, bitWidth, 128);
  }
  static endDecimal(builder) {
    return builder.endObject();
  }
  static createDecimal(builder, precision, scale, bitWidth) {
    return _Decimal.startDecimal(builder), _Decimal.addPrecision(builder, precision), _Decimal.addScale(builder, scale), _Decimal.addBitWidth(builder, bitWidth), _Decimal.endDecimal(builder);
  }
};

// node_modules/apache-arrow/fb/duration.mjs
var flatbuffers12 = __toESM(require_flatbuffers(), 1);
var Duration = class _Duration {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsDuration(bb, obj) {
    return (obj || new _Duration()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsDuration(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers12.SIZE_PREFIX_LENGTH), (obj || new _Duration()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  unit() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : TimeUnit.MILLISECOND;
  }
  static startDuration(builder) {
    builder.startObject(1);
  }
  static addUnit(builder, unit) {
    builder.addFieldInt16(0, unit, TimeUnit.MILLISECOND);
  }
  static endDuration(builder) {
    return builder.endObject();
  }
  static createDuration(builder, unit) {
    return _Duration.startDuration(builder), _Duration.addUnit(builder, unit), _Duration.endDuration(builder);
  }
};

// node_modules/apache-arrow/fb/fixed-size-binary.mjs
var flatbuffers13 = __toESM(require_flatbuffers(), 1), FixedSizeBinary = class _FixedSizeBinary {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsFixedSizeBinary(bb, obj) {
    return (obj || new _FixedSizeBinary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsFixedSizeBinary(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers13.SIZE_PREFIX_LENGTH), (obj || new _FixedSizeBinary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * Number of bytes per value
   */
  byteWidth() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 0;
  }
  static startFixedSizeBinary(builder) {
    builder.startObject(1);
  }
  static addByteWidth(builder, byteWidth) {
    builder.addFieldInt32(0, byteWidth, 0);
  }
  static endFixedSizeBinary(builder) {
    return builder.endObject();
  }
  static createFixedSizeBinary(builder, byteWidth) {
    return _FixedSizeBinary.startFixedSizeBinary(builder), _FixedSizeBinary.addByteWidth(builder, byteWidth), _FixedSizeBinary.endFixedSizeBinary(builder);
  }
};

// node_modules/apache-arrow/fb/fixed-size-list.mjs
var flatbuffers14 = __toESM(require_flatbuffers(), 1), FixedSizeList = class _FixedSizeList {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsFixedSizeList(bb, obj) {
    return (obj || new _FixedSizeList()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsFixedSizeList(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers14.SIZE_PREFIX_LENGTH), (obj || new _FixedSizeList()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * Number of list items per value
   */
  listSize() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 0;
  }
  static startFixedSizeList(builder) {
    builder.startObject(1);
  }
  static addListSize(builder, listSize) {
    builder.addFieldInt32(0, listSize, 0);
  }
  static endFixedSizeList(builder) {
    return builder.endObject();
  }
  static createFixedSizeList(builder, listSize) {
    return _FixedSizeList.startFixedSizeList(builder), _FixedSizeList.addListSize(builder, listSize), _FixedSizeList.endFixedSizeList(builder);
  }
};

// node_modules/apache-arrow/fb/floating-point.mjs
var flatbuffers15 = __toESM(require_flatbuffers(), 1);
var FloatingPoint = class _FloatingPoint {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsFloatingPoint(bb, obj) {
    return (obj || new _FloatingPoint()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsFloatingPoint(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers15.SIZE_PREFIX_LENGTH), (obj || new _FloatingPoint()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  precision() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : Precision.HALF;
  }
  static startFloatingPoint(builder) {
    builder.startObject(1);
  }
  static addPrecision(builder, precision) {
    builder.addFieldInt16(0, precision, Precision.HALF);
  }
  static endFloatingPoint(builder) {
    return builder.endObject();
  }
  static createFloatingPoint(builder, precision) {
    return _FloatingPoint.startFloatingPoint(builder), _FloatingPoint.addPrecision(builder, precision), _FloatingPoint.endFloatingPoint(builder);
  }
};

// node_modules/apache-arrow/fb/interval.mjs
var flatbuffers16 = __toESM(require_flatbuffers(), 1);
var Interval = class _Interval {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsInterval(bb, obj) {
    return (obj || new _Interval()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsInterval(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers16.SIZE_PREFIX_LENGTH), (obj || new _Interval()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  unit() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : IntervalUnit.YEAR_MONTH;
  }
  static startInterval(builder) {
    builder.startObject(1);
  }
  static addUnit(builder, unit) {
    builder.addFieldInt16(0, unit, IntervalUnit.YEAR_MONTH);
  }
  static endInterval(builder) {
    return builder.endObject();
  }
  static createInterval(builder, unit) {
    return _Interval.startInterval(builder), _Interval.addUnit(builder, unit), _Interval.endInterval(builder);
  }
};

// node_modules/apache-arrow/fb/large-binary.mjs
var flatbuffers17 = __toESM(require_flatbuffers(), 1), LargeBinary = class _LargeBinary {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsLargeBinary(bb, obj) {
    return (obj || new _LargeBinary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsLargeBinary(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers17.SIZE_PREFIX_LENGTH), (obj || new _LargeBinary()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startLargeBinary(builder) {
    builder.startObject(0);
  }
  static endLargeBinary(builder) {
    return builder.endObject();
  }
  static createLargeBinary(builder) {
    return _LargeBinary.startLargeBinary(builder), _LargeBinary.endLargeBinary(builder);
  }
};

// node_modules/apache-arrow/fb/large-list.mjs
var flatbuffers18 = __toESM(require_flatbuffers(), 1), LargeList = class _LargeList {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsLargeList(bb, obj) {
    return (obj || new _LargeList()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsLargeList(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers18.SIZE_PREFIX_LENGTH), (obj || new _LargeList()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startLargeList(builder) {
    builder.startObject(0);
  }
  static endLargeList(builder) {
    return builder.endObject();
  }
  static createLargeList(builder) {
    return _LargeList.startLargeList(builder), _LargeList.endLargeList(builder);
  }
};

// node_modules/apache-arrow/fb/large-utf8.mjs
var flatbuffers19 = __toESM(require_flatbuffers(), 1), LargeUtf8 = class _LargeUtf8 {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsLargeUtf8(bb, obj) {
    return (obj || new _LargeUtf8()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsLargeUtf8(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers19.SIZE_PREFIX_LENGTH), (obj || new _LargeUtf8()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startLargeUtf8(builder) {
    builder.startObject(0);
  }
  static endLargeUtf8(builder) {
    return builder.endObject();
  }
  static createLargeUtf8(builder) {
    return _LargeUtf8.startLargeUtf8(builder), _LargeUtf8.endLargeUtf8(builder);
  }
};

// node_modules/apache-arrow/fb/list.mjs
var flatbuffers20 = __toESM(require_flatbuffers(), 1), List = class _List {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsList(bb, obj) {
    return (obj || new _List()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsList(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers20.SIZE_PREFIX_LENGTH), (obj || new _List()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startList(builder) {
    builder.startObject(0);
  }
  static endList(builder) {
    return builder.endObject();
  }
  static createList(builder) {
    return _List.startList(builder), _List.endList(builder);
  }
};

// node_modules/apache-arrow/fb/map.mjs
var flatbuffers21 = __toESM(require_flatbuffers(), 1), Map2 = class _Map {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsMap(bb, obj) {
    return (obj || new _Map()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsMap(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers21.SIZE_PREFIX_LENGTH), (obj || new _Map()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * Set to true if the keys within each value are sorted
   */
  keysSorted() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? !!this.bb.readInt8(this.bb_pos + offset) : !1;
  }
  static startMap(builder) {
    builder.startObject(1);
  }
  static addKeysSorted(builder, keysSorted) {
    builder.addFieldInt8(0, +keysSorted, 0);
  }
  static endMap(builder) {
    return builder.endObject();
  }
  static createMap(builder, keysSorted) {
    return _Map.startMap(builder), _Map.addKeysSorted(builder, keysSorted), _Map.endMap(builder);
  }
};

// node_modules/apache-arrow/fb/null.mjs
var flatbuffers22 = __toESM(require_flatbuffers(), 1), Null = class _Null {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsNull(bb, obj) {
    return (obj || new _Null()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsNull(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers22.SIZE_PREFIX_LENGTH), (obj || new _Null()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startNull(builder) {
    builder.startObject(0);
  }
  static endNull(builder) {
    return builder.endObject();
  }
  static createNull(builder) {
    return _Null.startNull(builder), _Null.endNull(builder);
  }
};

// node_modules/apache-arrow/fb/struct-.mjs
var flatbuffers23 = __toESM(require_flatbuffers(), 1), Struct_ = class _Struct_ {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsStruct_(bb, obj) {
    return (obj || new _Struct_()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsStruct_(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers23.SIZE_PREFIX_LENGTH), (obj || new _Struct_()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startStruct_(builder) {
    builder.startObject(0);
  }
  static endStruct_(builder) {
    return builder.endObject();
  }
  static createStruct_(builder) {
    return _Struct_.startStruct_(builder), _Struct_.endStruct_(builder);
  }
};

// node_modules/apache-arrow/fb/time.mjs
var flatbuffers24 = __toESM(require_flatbuffers(), 1);
var Time = class _Time {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsTime(bb, obj) {
    return (obj || new _Time()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsTime(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers24.SIZE_PREFIX_LENGTH), (obj || new _Time()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  unit() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : TimeUnit.MILLISECOND;
  }
  bitWidth() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.readInt32(this.bb_pos + offset) : 32;
  }
  static startTime(builder) {
    builder.startObject(2);
  }
  static addUnit(builder, unit) {
    builder.addFieldInt16(0, unit, TimeUnit.MILLISECOND);
  }
  static addBitWidth(builder, bitWidth) {
    builder.addFieldInt32(1, bitWidth, 32);
  }
  static endTime(builder) {
    return builder.endObject();
  }
  static createTime(builder, unit, bitWidth) {
    return _Time.startTime(builder), _Time.addUnit(builder, unit), _Time.addBitWidth(builder, bitWidth), _Time.endTime(builder);
  }
};

// node_modules/apache-arrow/fb/timestamp.mjs
var flatbuffers25 = __toESM(require_flatbuffers(), 1);
var Timestamp = class _Timestamp {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsTimestamp(bb, obj) {
    return (obj || new _Timestamp()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsTimestamp(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers25.SIZE_PREFIX_LENGTH), (obj || new _Timestamp()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  unit() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : TimeUnit.SECOND;
  }
  timezone(optionalEncoding) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.__string(this.bb_pos + offset, optionalEncoding) : null;
  }
  static startTimestamp(builder) {
    builder.startObject(2);
  }
  static addUnit(builder, unit) {
    builder.addFieldInt16(0, unit, TimeUnit.SECOND);
  }
  static addTimezone(builder, timezoneOffset) {
    builder.addFieldOffset(1, timezoneOffset, 0);
  }
  static endTimestamp(builder) {
    return builder.endObject();
  }
  static createTimestamp(builder, unit, timezoneOffset) {
    return _Timestamp.startTimestamp(builder), _Timestamp.addUnit(builder, unit), _Timestamp.addTimezone(builder, timezoneOffset), _Timestamp.endTimestamp(builder);
  }
};

// node_modules/apache-arrow/fb/union.mjs
var flatbuffers26 = __toESM(require_flatbuffers(), 1);
var Union = class _Union {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsUnion(bb, obj) {
    return (obj || new _Union()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsUnion(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers26.SIZE_PREFIX_LENGTH), (obj || new _Union()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  mode() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : UnionMode.Sparse;
  }
  typeIds(index) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.readInt32(this.bb.__vector(this.bb_pos + offset) + index * 4) : 0;
  }
  typeIdsLength() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  typeIdsArray() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? new Int32Array(this.bb.bytes().buffer, this.bb.bytes().byteOffset + this.bb.__vector(this.bb_pos + offset), this.bb.__vector_len(this.bb_pos + offset)) : null;
  }
  static startUnion(builder) {
    builder.startObject(2);
  }
  static addMode(builder, mode) {
    builder.addFieldInt16(0, mode, UnionMode.Sparse);
  }
  static addTypeIds(builder, typeIdsOffset) {
    builder.addFieldOffset(1, typeIdsOffset, 0);
  }
  static createTypeIdsVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addInt32(data[i]);
    return builder.endVector();
  }
  static startTypeIdsVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static endUnion(builder) {
    return builder.endObject();
  }
  static createUnion(builder, mode, typeIdsOffset) {
    return _Union.startUnion(builder), _Union.addMode(builder, mode), _Union.addTypeIds(builder, typeIdsOffset), _Union.endUnion(builder);
  }
};

// node_modules/apache-arrow/fb/utf8.mjs
var flatbuffers27 = __toESM(require_flatbuffers(), 1), Utf8 = class _Utf8 {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsUtf8(bb, obj) {
    return (obj || new _Utf8()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsUtf8(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers27.SIZE_PREFIX_LENGTH), (obj || new _Utf8()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startUtf8(builder) {
    builder.startObject(0);
  }
  static endUtf8(builder) {
    return builder.endObject();
  }
  static createUtf8(builder) {
    return _Utf8.startUtf8(builder), _Utf8.endUtf8(builder);
  }
};

// node_modules/apache-arrow/fb/utf8-view.mjs
var flatbuffers28 = __toESM(require_flatbuffers(), 1), Utf8View = class _Utf8View {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsUtf8View(bb, obj) {
    return (obj || new _Utf8View()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsUtf8View(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers28.SIZE_PREFIX_LENGTH), (obj || new _Utf8View()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static startUtf8View(builder) {
    builder.startObject(0);
  }
  static endUtf8View(builder) {
    return builder.endObject();
  }
  static createUtf8View(builder) {
    return _Utf8View.startUtf8View(builder), _Utf8View.endUtf8View(builder);
  }
};

// node_modules/apache-arrow/fb/type.mjs
var Type;
(function(Type3) {
  Type3[Type3.NONE = 0] = "NONE", Type3[Type3.Null = 1] = "Null", Type3[Type3.Int = 2] = "Int", Type3[Type3.FloatingPoint = 3] = "FloatingPoint", Type3[Type3.Binary = 4] = "Binary", Type3[Type3.Utf8 = 5] = "Utf8", Type3[Type3.Bool = 6] = "Bool", Type3[Type3.Decimal = 7] = "Decimal", Type3[Type3.Date = 8] = "Date", Type3[Type3.Time = 9] = "Time", Type3[Type3.Timestamp = 10] = "Timestamp", Type3[Type3.Interval = 11] = "Interval", Type3[Type3.List = 12] = "List", Type3[Type3.Struct_ = 13] = "Struct_", Type3[Type3.Union = 14] = "Union", Type3[Type3.FixedSizeBinary = 15] = "FixedSizeBinary", Type3[Type3.FixedSizeList = 16] = "FixedSizeList", Type3[Type3.Map = 17] = "Map", Type3[Type3.Duration = 18] = "Duration", Type3[Type3.LargeBinary = 19] = "LargeBinary", Type3[Type3.LargeUtf8 = 20] = "LargeUtf8", Type3[Type3.LargeList = 21] = "LargeList", Type3[Type3.RunEndEncoded = 22] = "RunEndEncoded", Type3[Type3.BinaryView = 23] = "BinaryView", Type3[Type3.Utf8View = 24] = "Utf8View", Type3[Type3.ListView = 25] = "ListView", Type3[Type3.LargeListView = 26] = "LargeListView";
})(Type || (Type = {}));

// node_modules/apache-arrow/fb/field.mjs
var Field = class _Field {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsField(bb, obj) {
    return (obj || new _Field()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsField(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers29.SIZE_PREFIX_LENGTH), (obj || new _Field()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  name(optionalEncoding) {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.__string(this.bb_pos + offset, optionalEncoding) : null;
  }
  /**
   * Whether or not this field can contain nulls. Should be true in general.
   */
  nullable() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? !!this.bb.readInt8(this.bb_pos + offset) : !1;
  }
  typeType() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.readUint8(this.bb_pos + offset) : Type.NONE;
  }
  /**
   * This is the type of the decoded value if the field is dictionary encoded.
   */
  type(obj) {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.__union(obj, this.bb_pos + offset) : null;
  }
  /**
   * Present only if the field is dictionary encoded.
   */
  dictionary(obj) {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? (obj || new DictionaryEncoding()).__init(this.bb.__indirect(this.bb_pos + offset), this.bb) : null;
  }
  /**
   * children apply only to nested data types like Struct, List and Union. For
   * primitive types children will have length 0.
   */
  children(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 14);
    return offset ? (obj || new _Field()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  childrenLength() {
    let offset = this.bb.__offset(this.bb_pos, 14);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  /**
   * User-defined metadata
   */
  customMetadata(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 16);
    return offset ? (obj || new KeyValue()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  customMetadataLength() {
    let offset = this.bb.__offset(this.bb_pos, 16);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  static startField(builder) {
    builder.startObject(7);
  }
  static addName(builder, nameOffset) {
    builder.addFieldOffset(0, nameOffset, 0);
  }
  static addNullable(builder, nullable) {
    builder.addFieldInt8(1, +nullable, 0);
  }
  static addTypeType(builder, typeType) {
    builder.addFieldInt8(2, typeType, Type.NONE);
  }
  static addType(builder, typeOffset) {
    builder.addFieldOffset(3, typeOffset, 0);
  }
  static addDictionary(builder, dictionaryOffset) {
    builder.addFieldOffset(4, dictionaryOffset, 0);
  }
  static addChildren(builder, childrenOffset) {
    builder.addFieldOffset(5, childrenOffset, 0);
  }
  static createChildrenVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startChildrenVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static addCustomMetadata(builder, customMetadataOffset) {
    builder.addFieldOffset(6, customMetadataOffset, 0);
  }
  static createCustomMetadataVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startCustomMetadataVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static endField(builder) {
    return builder.endObject();
  }
};

// node_modules/apache-arrow/fb/schema.mjs
var Schema = class _Schema {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsSchema(bb, obj) {
    return (obj || new _Schema()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsSchema(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers30.SIZE_PREFIX_LENGTH), (obj || new _Schema()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  /**
   * endianness of the buffer
   * it is Little Endian by default
   * if endianness doesn't match the underlying system then the vectors need to be converted
   */
  endianness() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : Endianness.Little;
  }
  fields(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? (obj || new Field()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  fieldsLength() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  customMetadata(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? (obj || new KeyValue()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  customMetadataLength() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  /**
   * Features used in the stream/file.
   */
  features(index) {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.readInt64(this.bb.__vector(this.bb_pos + offset) + index * 8) : BigInt(0);
  }
  featuresLength() {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  static startSchema(builder) {
    builder.startObject(4);
  }
  static addEndianness(builder, endianness) {
    builder.addFieldInt16(0, endianness, Endianness.Little);
  }
  static addFields(builder, fieldsOffset) {
    builder.addFieldOffset(1, fieldsOffset, 0);
  }
  static createFieldsVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startFieldsVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static addCustomMetadata(builder, customMetadataOffset) {
    builder.addFieldOffset(2, customMetadataOffset, 0);
  }
  static createCustomMetadataVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startCustomMetadataVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static addFeatures(builder, featuresOffset) {
    builder.addFieldOffset(3, featuresOffset, 0);
  }
  static createFeaturesVector(builder, data) {
    builder.startVector(8, data.length, 8);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addInt64(data[i]);
    return builder.endVector();
  }
  static startFeaturesVector(builder, numElems) {
    builder.startVector(8, numElems, 8);
  }
  static endSchema(builder) {
    return builder.endObject();
  }
  static createSchema(builder, endianness, fieldsOffset, customMetadataOffset, featuresOffset) {
    return _Schema.startSchema(builder), _Schema.addEndianness(builder, endianness), _Schema.addFields(builder, fieldsOffset), _Schema.addCustomMetadata(builder, customMetadataOffset), _Schema.addFeatures(builder, featuresOffset), _Schema.endSchema(builder);
  }
};

// node_modules/apache-arrow/fb/message-header.mjs
var MessageHeader;
(function(MessageHeader2) {
  MessageHeader2[MessageHeader2.NONE = 0] = "NONE", MessageHeader2[MessageHeader2.Schema = 1] = "Schema", MessageHeader2[MessageHeader2.DictionaryBatch = 2] = "DictionaryBatch", MessageHeader2[MessageHeader2.RecordBatch = 3] = "RecordBatch", MessageHeader2[MessageHeader2.Tensor = 4] = "Tensor", MessageHeader2[MessageHeader2.SparseTensor = 5] = "SparseTensor";
})(MessageHeader || (MessageHeader = {}));

// node_modules/apache-arrow/enum.mjs
var Type2;
(function(Type3) {
  Type3[Type3.NONE = 0] = "NONE", Type3[Type3.Null = 1] = "Null", Type3[Type3.Int = 2] = "Int", Type3[Type3.Float = 3] = "Float", Type3[Type3.Binary = 4] = "Binary", Type3[Type3.Utf8 = 5] = "Utf8", Type3[Type3.Bool = 6] = "Bool", Type3[Type3.Decimal = 7] = "Decimal", Type3[Type3.Date = 8] = "Date", Type3[Type3.Time = 9] = "Time", Type3[Type3.Timestamp = 10] = "Timestamp", Type3[Type3.Interval = 11] = "Interval", Type3[Type3.List = 12] = "List", Type3[Type3.Struct = 13] = "Struct", Type3[Type3.Union = 14] = "Union", Type3[Type3.FixedSizeBinary = 15] = "FixedSizeBinary", Type3[Type3.FixedSizeList = 16] = "FixedSizeList", Type3[Type3.Map = 17] = "Map", Type3[Type3.Duration = 18] = "Duration", Type3[Type3.LargeBinary = 19] = "LargeBinary", Type3[Type3.LargeUtf8 = 20] = "LargeUtf8", Type3[Type3.LargeList = 21] = "LargeList", Type3[Type3.BinaryView = 23] = "BinaryView", Type3[Type3.Utf8View = 24] = "Utf8View", Type3[Type3.Dictionary = -1] = "Dictionary", Type3[Type3.Int8 = -2] = "Int8", Type3[Type3.Int16 = -3] = "Int16", Type3[Type3.Int32 = -4] = "Int32", Type3[Type3.Int64 = -5] = "Int64", Type3[Type3.Uint8 = -6] = "Uint8", Type3[Type3.Uint16 = -7] = "Uint16", Type3[Type3.Uint32 = -8] = "Uint32", Type3[Type3.Uint64 = -9] = "Uint64", Type3[Type3.Float16 = -10] = "Float16", Type3[Type3.Float32 = -11] = "Float32", Type3[Type3.Float64 = -12] = "Float64", Type3[Type3.DateDay = -13] = "DateDay", Type3[Type3.DateMillisecond = -14] = "DateMillisecond", Type3[Type3.TimestampSecond = -15] = "TimestampSecond", Type3[Type3.TimestampMillisecond = -16] = "TimestampMillisecond", Type3[Type3.TimestampMicrosecond = -17] = "TimestampMicrosecond", Type3[Type3.TimestampNanosecond = -18] = "TimestampNanosecond", Type3[Type3.TimeSecond = -19] = "TimeSecond", Type3[Type3.TimeMillisecond = -20] = "TimeMillisecond", Type3[Type3.TimeMicrosecond = -21] = "TimeMicrosecond", Type3[Type3.TimeNanosecond = -22] = "TimeNanosecond", Type3[Type3.DenseUnion = -23] = "DenseUnion", Type3[Type3.SparseUnion = -24] = "SparseUnion", Type3[Type3.IntervalDayTime = -25] = "IntervalDayTime", Type3[Type3.IntervalYearMonth = -26] = "IntervalYearMonth", Type3[Type3.DurationSecond = -27] = "DurationSecond", Type3[Type3.DurationMillisecond = -28] = "DurationMillisecond", Type3[Type3.DurationMicrosecond = -29] = "DurationMicrosecond", Type3[Type3.DurationNanosecond = -30] = "DurationNanosecond", Type3[Type3.IntervalMonthDayNano = -31] = "IntervalMonthDayNano";
})(Type2 || (Type2 = {}));
var BufferType;
(function(BufferType2) {
  BufferType2[BufferType2.OFFSET = 0] = "OFFSET", BufferType2[BufferType2.DATA = 1] = "DATA", BufferType2[BufferType2.VALIDITY = 2] = "VALIDITY", BufferType2[BufferType2.TYPE = 3] = "TYPE";
})(BufferType || (BufferType = {}));

// node_modules/apache-arrow/util/vector.mjs
var vector_exports = {};
__export(vector_exports, {
  clampRange: () => clampRange,
  createElementComparator: () => createElementComparator,
  wrapIndex: () => wrapIndex
});

// node_modules/apache-arrow/util/pretty.mjs
var pretty_exports = {};
__export(pretty_exports, {
  valueToString: () => valueToString
});
function valueToString(x) {
  if (x === null)
    return "null";
  if (x === void 0)
    return "undefined";
  switch (typeof x) {
    case "number":
      return `${x}`;
    case "bigint":
      return `${x}`;
    case "string":
      return `"${x}"`;
  }
  return typeof x[Symbol.toPrimitive] == "function" ? x[Symbol.toPrimitive]("string") : ArrayBuffer.isView(x) ? x instanceof BigInt64Array || x instanceof BigUint64Array ? `[${[...x].map((x2) => valueToString(x2))}]` : `[${x}]` : ArrayBuffer.isView(x) ? `[${x}]` : JSON.stringify(x, (_, y) => typeof y == "bigint" ? `${y}` : y);
}

// node_modules/apache-arrow/util/bn.mjs
var bn_exports = {};
__export(bn_exports, {
  BN: () => BN,
  bigNumToBigInt: () => bigNumToBigInt,
  bigNumToNumber: () => bigNumToNumber,
  bigNumToString: () => bigNumToString,
  isArrowBigNumSymbol: () => isArrowBigNumSymbol
});

// node_modules/apache-arrow/util/bigint.mjs
function bigIntToNumber(number) {
  if (typeof number == "bigint" && (number < Number.MIN_SAFE_INTEGER || number > Number.MAX_SAFE_INTEGER))
    throw new TypeError(`${number} is not safe to convert to a number.`);
  return Number(number);
}
function divideBigInts(number, divisor) {
  return bigIntToNumber(number / divisor) + bigIntToNumber(number % divisor) / bigIntToNumber(divisor);
}

// node_modules/apache-arrow/util/bn.mjs
var isArrowBigNumSymbol = /* @__PURE__ */ Symbol.for("isArrowBigNum");
function BigNum(x, ...xs) {
  return xs.length === 0 ? Object.setPrototypeOf(toArrayBufferView(this.TypedArray, x), this.constructor.prototype) : Object.setPrototypeOf(new this.TypedArray(x, ...xs), this.constructor.prototype);
}
BigNum.prototype[isArrowBigNumSymbol] = !0;
BigNum.prototype.toJSON = function() {
  return `"${bigNumToString(this)}"`;
};
BigNum.prototype.valueOf = function(scale) {
  return bigNumToNumber(this, scale);
};
BigNum.prototype.toString = function() {
  return bigNumToString(this);
};
BigNum.prototype[Symbol.toPrimitive] = function(hint = "default") {
  switch (hint) {
    case "number":
      return bigNumToNumber(this);
    case "string":
      return bigNumToString(this);
    case "default":
      return bigNumToBigInt(this);
  }
  return bigNumToString(this);
};
function SignedBigNum(...args) {
  return BigNum.apply(this, args);
}
function UnsignedBigNum(...args) {
  return BigNum.apply(this, args);
}
function DecimalBigNum(...args) {
  return BigNum.apply(this, args);
}
Object.setPrototypeOf(SignedBigNum.prototype, Object.create(Int32Array.prototype));
Object.setPrototypeOf(UnsignedBigNum.prototype, Object.create(Uint32Array.prototype));
Object.setPrototypeOf(DecimalBigNum.prototype, Object.create(Uint32Array.prototype));
Object.assign(SignedBigNum.prototype, BigNum.prototype, { constructor: SignedBigNum, signed: !0, TypedArray: Int32Array, BigIntArray: BigInt64Array });
Object.assign(UnsignedBigNum.prototype, BigNum.prototype, { constructor: UnsignedBigNum, signed: !1, TypedArray: Uint32Array, BigIntArray: BigUint64Array });
Object.assign(DecimalBigNum.prototype, BigNum.prototype, { constructor: DecimalBigNum, signed: !0, TypedArray: Uint32Array, BigIntArray: BigUint64Array });
var TWO_TO_THE_64 = BigInt(4294967296) * BigInt(4294967296), TWO_TO_THE_64_MINUS_1 = TWO_TO_THE_64 - BigInt(1);
function bigNumToNumber(bn, scale) {
  let { buffer, byteOffset, byteLength, signed } = bn, words = new BigUint64Array(buffer, byteOffset, byteLength / 8), negative = signed && words.at(-1) & BigInt(1) << BigInt(63), number = BigInt(0), i = 0;
  if (negative) {
    for (let word of words)
      number |= (word ^ TWO_TO_THE_64_MINUS_1) * (BigInt(1) << BigInt(64 * i++));
    number *= BigInt(-1), number -= BigInt(1);
  } else
    for (let word of words)
      number |= word * (BigInt(1) << BigInt(64 * i++));
  if (typeof scale == "number" && scale > 0) {
    let denominator = BigInt("1".padEnd(scale + 1, "0")), quotient = number / denominator, remainder = negative ? -(number % denominator) : number % denominator, integerPart = bigIntToNumber(quotient), fractionPart = `${remainder}`.padStart(scale, "0");
    return +`${negative && integerPart === 0 ? "-" : ""}${integerPart}.${fractionPart}`;
  }
  return bigIntToNumber(number);
}
function bigNumToString(a) {
  if (a.byteLength === 8)
    return `${new a.BigIntArray(a.buffer, a.byteOffset, 1)[0]}`;
  if (!a.signed)
    return unsignedBigNumToString(a);
  let array = new Uint16Array(a.buffer, a.byteOffset, a.byteLength / 2);
  if (new Int16Array([array.at(-1)])[0] >= 0)
    return unsignedBigNumToString(a);
  array = array.slice();
  let carry = 1;
  for (let i = 0; i < array.length; i++) {
    let elem = array[i], updated = ~elem + carry;
    array[i] = updated, carry &= elem === 0 ? 1 : 0;
  }
  return `-${unsignedBigNumToString(array)}`;
}
function bigNumToBigInt(a) {
  return a.byteLength === 8 ? new a.BigIntArray(a.buffer, a.byteOffset, 1)[0] : bigNumToString(a);
}
function unsignedBigNumToString(a) {
  let digits = "", base64 = new Uint32Array(2), base32 = new Uint16Array(a.buffer, a.byteOffset, a.byteLength / 2), checks = new Uint32Array((base32 = new Uint16Array(base32).reverse()).buffer), i = -1, n = base32.length - 1;
  do {
    for (base64[0] = base32[i = 0]; i < n; )
      base32[i++] = base64[1] = base64[0] / 10, base64[0] = (base64[0] - base64[1] * 10 << 16) + base32[i];
    base32[i] = base64[1] = base64[0] / 10, base64[0] = base64[0] - base64[1] * 10, digits = `${base64[0]}${digits}`;
  } while (checks[0] || checks[1] || checks[2] || checks[3]);
  return digits ?? "0";
}
var BN = class _BN {
  /** @nocollapse */
  static new(num, isSigned) {
    switch (isSigned) {
      case !0:
        return new SignedBigNum(num);
      case !1:
        return new UnsignedBigNum(num);
    }
    switch (num.constructor) {
      case Int8Array:
      case Int16Array:
      case Int32Array:
      case BigInt64Array:
        return new SignedBigNum(num);
    }
    return num.byteLength === 16 ? new DecimalBigNum(num) : new UnsignedBigNum(num);
  }
  /** @nocollapse */
  static signed(num) {
    return new SignedBigNum(num);
  }
  /** @nocollapse */
  static unsigned(num) {
    return new UnsignedBigNum(num);
  }
  /** @nocollapse */
  static decimal(num) {
    return new DecimalBigNum(num);
  }
  constructor(num, isSigned) {
    return _BN.new(num, isSigned);
  }
};

// node_modules/apache-arrow/type.mjs
var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0, kDataTypeSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/DataType"), DataType = class _DataType {
  /**
   * Check if an object is an instance of DataType.
   * This works across different instances of the Arrow library.
   *
   * Note: We intentionally do NOT implement Symbol.hasInstance here because
   * it would break instanceof checks for subclasses like Struct, Dictionary, etc.
   * Use DataType.isDataType() for cross-library type checking instead.
   * @nocollapse
   */
  static isDataType(x) {
    return x?.[kDataTypeSymbol] === !0;
  }
  /** @nocollapse */
  static isNull(x) {
    return x?.typeId === Type2.Null;
  }
  /** @nocollapse */
  static isInt(x) {
    return x?.typeId === Type2.Int;
  }
  /** @nocollapse */
  static isFloat(x) {
    return x?.typeId === Type2.Float;
  }
  /** @nocollapse */
  static isBinary(x) {
    return x?.typeId === Type2.Binary;
  }
  /** @nocollapse */
  static isBinaryView(x) {
    return x?.typeId === Type2.BinaryView;
  }
  /** @nocollapse */
  static isLargeBinary(x) {
    return x?.typeId === Type2.LargeBinary;
  }
  /** @nocollapse */
  static isUtf8(x) {
    return x?.typeId === Type2.Utf8;
  }
  /** @nocollapse */
  static isUtf8View(x) {
    return x?.typeId === Type2.Utf8View;
  }
  /** @nocollapse */
  static isLargeUtf8(x) {
    return x?.typeId === Type2.LargeUtf8;
  }
  /** @nocollapse */
  static isBool(x) {
    return x?.typeId === Type2.Bool;
  }
  /** @nocollapse */
  static isDecimal(x) {
    return x?.typeId === Type2.Decimal;
  }
  /** @nocollapse */
  static isDate(x) {
    return x?.typeId === Type2.Date;
  }
  /** @nocollapse */
  static isTime(x) {
    return x?.typeId === Type2.Time;
  }
  /** @nocollapse */
  static isTimestamp(x) {
    return x?.typeId === Type2.Timestamp;
  }
  /** @nocollapse */
  static isInterval(x) {
    return x?.typeId === Type2.Interval;
  }
  /** @nocollapse */
  static isDuration(x) {
    return x?.typeId === Type2.Duration;
  }
  /** @nocollapse */
  static isList(x) {
    return x?.typeId === Type2.List;
  }
  /** @nocollapse */
  static isLargeList(x) {
    return x?.typeId === Type2.LargeList;
  }
  // TODO: Implement ListView type
  //     /** @nocollapse */ static isListView(x: any): x is ListView { return x?.typeId === Type.ListView; }
  /** @nocollapse */
  static isStruct(x) {
    return x?.typeId === Type2.Struct;
  }
  /** @nocollapse */
  static isUnion(x) {
    return x?.typeId === Type2.Union;
  }
  /** @nocollapse */
  static isFixedSizeBinary(x) {
    return x?.typeId === Type2.FixedSizeBinary;
  }
  /** @nocollapse */
  static isFixedSizeList(x) {
    return x?.typeId === Type2.FixedSizeList;
  }
  /** @nocollapse */
  static isMap(x) {
    return x?.typeId === Type2.Map;
  }
  /** @nocollapse */
  static isDictionary(x) {
    return x?.typeId === Type2.Dictionary;
  }
  /** @nocollapse */
  static isDenseUnion(x) {
    return _DataType.isUnion(x) && x.mode === UnionMode.Dense;
  }
  /** @nocollapse */
  static isSparseUnion(x) {
    return _DataType.isUnion(x) && x.mode === UnionMode.Sparse;
  }
  constructor(typeId) {
    this.typeId = typeId;
  }
};
_a = Symbol.toStringTag;
DataType[_a] = ((proto) => (proto.children = null, proto.ArrayType = Array, proto.OffsetArrayType = Int32Array, proto[kDataTypeSymbol] = !0, proto[Symbol.toStringTag] = "DataType"))(DataType.prototype);
var Null2 = class extends DataType {
  constructor() {
    super(Type2.Null);
  }
  toString() {
    return "Null";
  }
};
_b = Symbol.toStringTag;
Null2[_b] = ((proto) => proto[Symbol.toStringTag] = "Null")(Null2.prototype);
var Int_ = class extends DataType {
  constructor(isSigned, bitWidth) {
    super(Type2.Int), this.isSigned = isSigned, this.bitWidth = bitWidth;
  }
  get ArrayType() {
    switch (this.bitWidth) {
      case 8:
        return this.isSigned ? Int8Array : Uint8Array;
      case 16:
        return this.isSigned ? Int16Array : Uint16Array;
      case 32:
        return this.isSigned ? Int32Array : Uint32Array;
      case 64:
        return this.isSigned ? BigInt64Array : BigUint64Array;
    }
    throw new Error(`Unrecognized ${this[Symbol.toStringTag]} type`);
  }
  toString() {
    return `${this.isSigned ? "I" : "Ui"}nt${this.bitWidth}`;
  }
};
_c = Symbol.toStringTag;
Int_[_c] = ((proto) => (proto.isSigned = null, proto.bitWidth = null, proto[Symbol.toStringTag] = "Int"))(Int_.prototype);
var Int8 = class extends Int_ {
  constructor() {
    super(!0, 8);
  }
  get ArrayType() {
    return Int8Array;
  }
}, Int16 = class extends Int_ {
  constructor() {
    super(!0, 16);
  }
  get ArrayType() {
    return Int16Array;
  }
}, Int32 = class extends Int_ {
  constructor() {
    super(!0, 32);
  }
  get ArrayType() {
    return Int32Array;
  }
}, Int64 = class extends Int_ {
  constructor() {
    super(!0, 64);
  }
  get ArrayType() {
    return BigInt64Array;
  }
}, Uint8 = class extends Int_ {
  constructor() {
    super(!1, 8);
  }
  get ArrayType() {
    return Uint8Array;
  }
}, Uint16 = class extends Int_ {
  constructor() {
    super(!1, 16);
  }
  get ArrayType() {
    return Uint16Array;
  }
}, Uint32 = class extends Int_ {
  constructor() {
    super(!1, 32);
  }
  get ArrayType() {
    return Uint32Array;
  }
}, Uint64 = class extends Int_ {
  constructor() {
    super(!1, 64);
  }
  get ArrayType() {
    return BigUint64Array;
  }
};
Object.defineProperty(Int8.prototype, "ArrayType", { value: Int8Array });
Object.defineProperty(Int16.prototype, "ArrayType", { value: Int16Array });
Object.defineProperty(Int32.prototype, "ArrayType", { value: Int32Array });
Object.defineProperty(Int64.prototype, "ArrayType", { value: BigInt64Array });
Object.defineProperty(Uint8.prototype, "ArrayType", { value: Uint8Array });
Object.defineProperty(Uint16.prototype, "ArrayType", { value: Uint16Array });
Object.defineProperty(Uint32.prototype, "ArrayType", { value: Uint32Array });
Object.defineProperty(Uint64.prototype, "ArrayType", { value: BigUint64Array });
var Float = class extends DataType {
  constructor(precision) {
    super(Type2.Float), this.precision = precision;
  }
  get ArrayType() {
    switch (this.precision) {
      case Precision.HALF:
        return Uint16Array;
      case Precision.SINGLE:
        return Float32Array;
      case Precision.DOUBLE:
        return Float64Array;
    }
    throw new Error(`Unrecognized ${this[Symbol.toStringTag]} type`);
  }
  toString() {
    return `Float${this.precision << 5 || 16}`;
  }
};
_d = Symbol.toStringTag;
Float[_d] = ((proto) => (proto.precision = null, proto[Symbol.toStringTag] = "Float"))(Float.prototype);
var Float16 = class extends Float {
  constructor() {
    super(Precision.HALF);
  }
}, Float32 = class extends Float {
  constructor() {
    super(Precision.SINGLE);
  }
}, Float64 = class extends Float {
  constructor() {
    super(Precision.DOUBLE);
  }
};
Object.defineProperty(Float16.prototype, "ArrayType", { value: Uint16Array });
Object.defineProperty(Float32.prototype, "ArrayType", { value: Float32Array });
Object.defineProperty(Float64.prototype, "ArrayType", { value: Float64Array });
var Binary2 = class extends DataType {
  constructor() {
    super(Type2.Binary);
  }
  toString() {
    return "Binary";
  }
};
_e = Symbol.toStringTag;
Binary2[_e] = ((proto) => (proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "Binary"))(Binary2.prototype);
var BinaryView2 = class extends DataType {
  constructor() {
    super(Type2.BinaryView);
  }
  toString() {
    return "BinaryView";
  }
};
_f = Symbol.toStringTag;
BinaryView2.ELEMENT_WIDTH = 16;
BinaryView2.INLINE_CAPACITY = 12;
BinaryView2.LENGTH_OFFSET = 0;
BinaryView2.INLINE_OFFSET = 4;
BinaryView2.BUFFER_INDEX_OFFSET = 8;
BinaryView2.BUFFER_OFFSET_OFFSET = 12;
BinaryView2[_f] = ((proto) => (proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "BinaryView"))(BinaryView2.prototype);
var LargeBinary2 = class extends DataType {
  constructor() {
    super(Type2.LargeBinary);
  }
  toString() {
    return "LargeBinary";
  }
};
_g = Symbol.toStringTag;
LargeBinary2[_g] = ((proto) => (proto.ArrayType = Uint8Array, proto.OffsetArrayType = BigInt64Array, proto[Symbol.toStringTag] = "LargeBinary"))(LargeBinary2.prototype);
var Utf82 = class extends DataType {
  constructor() {
    super(Type2.Utf8);
  }
  toString() {
    return "Utf8";
  }
};
_h = Symbol.toStringTag;
Utf82[_h] = ((proto) => (proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "Utf8"))(Utf82.prototype);
var Utf8View2 = class extends DataType {
  constructor() {
    super(Type2.Utf8View);
  }
  toString() {
    return "Utf8View";
  }
};
_j = Symbol.toStringTag;
Utf8View2.ELEMENT_WIDTH = BinaryView2.ELEMENT_WIDTH;
Utf8View2.INLINE_CAPACITY = BinaryView2.INLINE_CAPACITY;
Utf8View2[_j] = ((proto) => (proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "Utf8View"))(Utf8View2.prototype);
var LargeUtf82 = class extends DataType {
  constructor() {
    super(Type2.LargeUtf8);
  }
  toString() {
    return "LargeUtf8";
  }
};
_k = Symbol.toStringTag;
LargeUtf82[_k] = ((proto) => (proto.ArrayType = Uint8Array, proto.OffsetArrayType = BigInt64Array, proto[Symbol.toStringTag] = "LargeUtf8"))(LargeUtf82.prototype);
var Bool2 = class extends DataType {
  constructor() {
    super(Type2.Bool);
  }
  toString() {
    return "Bool";
  }
};
_l = Symbol.toStringTag;
Bool2[_l] = ((proto) => (proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "Bool"))(Bool2.prototype);
var Decimal2 = class extends DataType {
  constructor(scale, precision, bitWidth = 128) {
    super(Type2.Decimal), this.scale = scale, this.precision = precision, this.bitWidth = bitWidth;
  }
  toString() {
    return `Decimal[${this.precision}e${this.scale > 0 ? "+" : ""}${this.scale}]`;
  }
};
_m = Symbol.toStringTag;
Decimal2[_m] = ((proto) => (proto.scale = null, proto.precision = null, proto.ArrayType = Uint32Array, proto[Symbol.toStringTag] = "Decimal"))(Decimal2.prototype);
var Date_ = class extends DataType {
  constructor(unit) {
    super(Type2.Date), this.unit = unit;
  }
  toString() {
    return `Date${(this.unit + 1) * 32}<${DateUnit[this.unit]}>`;
  }
  get ArrayType() {
    return this.unit === DateUnit.DAY ? Int32Array : BigInt64Array;
  }
};
_o = Symbol.toStringTag;
Date_[_o] = ((proto) => (proto.unit = null, proto[Symbol.toStringTag] = "Date"))(Date_.prototype);
var DateDay = class extends Date_ {
  constructor() {
    super(DateUnit.DAY);
  }
}, DateMillisecond = class extends Date_ {
  constructor() {
    super(DateUnit.MILLISECOND);
  }
}, Time_ = class extends DataType {
  constructor(unit, bitWidth) {
    super(Type2.Time), this.unit = unit, this.bitWidth = bitWidth;
  }
  toString() {
    return `Time${this.bitWidth}<${TimeUnit[this.unit]}>`;
  }
  get ArrayType() {
    switch (this.bitWidth) {
      case 32:
        return Int32Array;
      case 64:
        return BigInt64Array;
    }
    throw new Error(`Unrecognized ${this[Symbol.toStringTag]} type`);
  }
};
_p = Symbol.toStringTag;
Time_[_p] = ((proto) => (proto.unit = null, proto.bitWidth = null, proto[Symbol.toStringTag] = "Time"))(Time_.prototype);
var TimeSecond = class extends Time_ {
  constructor() {
    super(TimeUnit.SECOND, 32);
  }
}, TimeMillisecond = class extends Time_ {
  constructor() {
    super(TimeUnit.MILLISECOND, 32);
  }
}, TimeMicrosecond = class extends Time_ {
  constructor() {
    super(TimeUnit.MICROSECOND, 64);
  }
}, TimeNanosecond = class extends Time_ {
  constructor() {
    super(TimeUnit.NANOSECOND, 64);
  }
}, Timestamp_ = class extends DataType {
  constructor(unit, timezone) {
    super(Type2.Timestamp), this.unit = unit, this.timezone = timezone;
  }
  toString() {
    return `Timestamp<${TimeUnit[this.unit]}${this.timezone ? `, ${this.timezone}` : ""}>`;
  }
};
_q = Symbol.toStringTag;
Timestamp_[_q] = ((proto) => (proto.unit = null, proto.timezone = null, proto.ArrayType = BigInt64Array, proto[Symbol.toStringTag] = "Timestamp"))(Timestamp_.prototype);
var TimestampSecond = class extends Timestamp_ {
  constructor(timezone) {
    super(TimeUnit.SECOND, timezone);
  }
}, TimestampMillisecond = class extends Timestamp_ {
  constructor(timezone) {
    super(TimeUnit.MILLISECOND, timezone);
  }
}, TimestampMicrosecond = class extends Timestamp_ {
  constructor(timezone) {
    super(TimeUnit.MICROSECOND, timezone);
  }
}, TimestampNanosecond = class extends Timestamp_ {
  constructor(timezone) {
    super(TimeUnit.NANOSECOND, timezone);
  }
}, Interval_ = class extends DataType {
  constructor(unit) {
    super(Type2.Interval), this.unit = unit;
  }
  toString() {
    return `Interval<${IntervalUnit[this.unit]}>`;
  }
};
_r = Symbol.toStringTag;
Interval_[_r] = ((proto) => (proto.unit = null, proto.ArrayType = Int32Array, proto[Symbol.toStringTag] = "Interval"))(Interval_.prototype);
var IntervalDayTime = class extends Interval_ {
  constructor() {
    super(IntervalUnit.DAY_TIME);
  }
}, IntervalYearMonth = class extends Interval_ {
  constructor() {
    super(IntervalUnit.YEAR_MONTH);
  }
}, IntervalMonthDayNano = class extends Interval_ {
  constructor() {
    super(IntervalUnit.MONTH_DAY_NANO);
  }
}, Duration2 = class extends DataType {
  constructor(unit) {
    super(Type2.Duration), this.unit = unit;
  }
  toString() {
    return `Duration<${TimeUnit[this.unit]}>`;
  }
};
_s = Symbol.toStringTag;
Duration2[_s] = ((proto) => (proto.unit = null, proto.ArrayType = BigInt64Array, proto[Symbol.toStringTag] = "Duration"))(Duration2.prototype);
var DurationSecond = class extends Duration2 {
  constructor() {
    super(TimeUnit.SECOND);
  }
}, DurationMillisecond = class extends Duration2 {
  constructor() {
    super(TimeUnit.MILLISECOND);
  }
}, DurationMicrosecond = class extends Duration2 {
  constructor() {
    super(TimeUnit.MICROSECOND);
  }
}, DurationNanosecond = class extends Duration2 {
  constructor() {
    super(TimeUnit.NANOSECOND);
  }
}, List2 = class extends DataType {
  constructor(child) {
    super(Type2.List), this.children = [child];
  }
  toString() {
    return `List<${this.valueType}>`;
  }
  get valueType() {
    return this.children[0].type;
  }
  get valueField() {
    return this.children[0];
  }
  get ArrayType() {
    return this.valueType.ArrayType;
  }
};
_t = Symbol.toStringTag;
List2[_t] = ((proto) => (proto.children = null, proto[Symbol.toStringTag] = "List"))(List2.prototype);
var LargeList2 = class extends DataType {
  constructor(child) {
    super(Type2.LargeList), this.children = [child];
  }
  toString() {
    return `LargeList<${this.valueType}>`;
  }
  get valueType() {
    return this.children[0].type;
  }
  get valueField() {
    return this.children[0];
  }
  get ArrayType() {
    return this.valueType.ArrayType;
  }
};
_u = Symbol.toStringTag;
LargeList2[_u] = ((proto) => (proto.children = null, proto.OffsetArrayType = BigInt64Array, proto[Symbol.toStringTag] = "LargeList"))(LargeList2.prototype);
var Struct = class extends DataType {
  constructor(children) {
    super(Type2.Struct), this.children = children;
  }
  toString() {
    return `Struct<{${this.children.map((f) => `${f.name}:${f.type}`).join(", ")}}>`;
  }
};
_v = Symbol.toStringTag;
Struct[_v] = ((proto) => (proto.children = null, proto[Symbol.toStringTag] = "Struct"))(Struct.prototype);
var Union_ = class extends DataType {
  constructor(mode, typeIds, children) {
    super(Type2.Union), this.mode = mode, this.children = children, this.typeIds = typeIds = Int32Array.from(typeIds), this.typeIdToChildIndex = typeIds.reduce((typeIdToChildIndex, typeId, idx) => (typeIdToChildIndex[typeId] = idx) && typeIdToChildIndex || typeIdToChildIndex, /* @__PURE__ */ Object.create(null));
  }
  toString() {
    return `${this[Symbol.toStringTag]}<${this.children.map((x) => `${x.type}`).join(" | ")}>`;
  }
};
_w = Symbol.toStringTag;
Union_[_w] = ((proto) => (proto.mode = null, proto.typeIds = null, proto.children = null, proto.typeIdToChildIndex = null, proto.ArrayType = Int8Array, proto[Symbol.toStringTag] = "Union"))(Union_.prototype);
var DenseUnion = class extends Union_ {
  constructor(typeIds, children) {
    super(UnionMode.Dense, typeIds, children);
  }
}, SparseUnion = class extends Union_ {
  constructor(typeIds, children) {
    super(UnionMode.Sparse, typeIds, children);
  }
}, FixedSizeBinary2 = class extends DataType {
  constructor(byteWidth) {
    super(Type2.FixedSizeBinary), this.byteWidth = byteWidth;
  }
  toString() {
    return `FixedSizeBinary[${this.byteWidth}]`;
  }
};
_x = Symbol.toStringTag;
FixedSizeBinary2[_x] = ((proto) => (proto.byteWidth = null, proto.ArrayType = Uint8Array, proto[Symbol.toStringTag] = "FixedSizeBinary"))(FixedSizeBinary2.prototype);
var FixedSizeList2 = class extends DataType {
  constructor(listSize, child) {
    super(Type2.FixedSizeList), this.listSize = listSize, this.children = [child];
  }
  get valueType() {
    return this.children[0].type;
  }
  get valueField() {
    return this.children[0];
  }
  get ArrayType() {
    return this.valueType.ArrayType;
  }
  toString() {
    return `FixedSizeList[${this.listSize}]<${this.valueType}>`;
  }
};
_y = Symbol.toStringTag;
FixedSizeList2[_y] = ((proto) => (proto.children = null, proto.listSize = null, proto[Symbol.toStringTag] = "FixedSizeList"))(FixedSizeList2.prototype);
var Map_ = class extends DataType {
  constructor(entries, keysSorted = !1) {
    var _1, _2, _3;
    if (super(Type2.Map), this.children = [entries], this.keysSorted = keysSorted, entries && (entries.name = "entries", !((_1 = entries?.type) === null || _1 === void 0) && _1.children)) {
      let key = (_2 = entries?.type) === null || _2 === void 0 ? void 0 : _2.children[0];
      key && (key.name = "key");
      let val = (_3 = entries?.type) === null || _3 === void 0 ? void 0 : _3.children[1];
      val && (val.name = "value");
    }
  }
  get keyType() {
    return this.children[0].type.children[0].type;
  }
  get valueType() {
    return this.children[0].type.children[1].type;
  }
  get childType() {
    return this.children[0].type;
  }
  toString() {
    return `Map<{${this.children[0].type.children.map((f) => `${f.name}:${f.type}`).join(", ")}}>`;
  }
};
_z = Symbol.toStringTag;
Map_[_z] = ((proto) => (proto.children = null, proto.keysSorted = null, proto[Symbol.toStringTag] = "Map_"))(Map_.prototype);
var getId = /* @__PURE__ */ ((atomicDictionaryId) => () => ++atomicDictionaryId)(-1), Dictionary = class extends DataType {
  constructor(dictionary, indices, id, isOrdered) {
    super(Type2.Dictionary), this.indices = indices, this.dictionary = dictionary, this.isOrdered = isOrdered || !1, this.id = id == null ? getId() : bigIntToNumber(id);
  }
  get children() {
    return this.dictionary.children;
  }
  get valueType() {
    return this.dictionary;
  }
  get ArrayType() {
    return this.dictionary.ArrayType;
  }
  toString() {
    return `Dictionary<${this.indices}, ${this.dictionary}>`;
  }
};
_0 = Symbol.toStringTag;
Dictionary[_0] = ((proto) => (proto.id = null, proto.indices = null, proto.isOrdered = null, proto.dictionary = null, proto[Symbol.toStringTag] = "Dictionary"))(Dictionary.prototype);
function strideForType(type) {
  let t = type;
  switch (type.typeId) {
    case Type2.Decimal:
      return type.bitWidth / 32;
    case Type2.Interval:
      return t.unit === IntervalUnit.MONTH_DAY_NANO ? 4 : 1 + t.unit;
    // case Type.Int: return 1 + +((t as Int_).bitWidth > 32);
    // case Type.Time: return 1 + +((t as Time_).bitWidth > 32);
    case Type2.BinaryView:
    case Type2.Utf8View:
      return 16;
    case Type2.FixedSizeList:
      return t.listSize;
    case Type2.FixedSizeBinary:
      return t.byteWidth;
    default:
      return 1;
  }
}

// node_modules/apache-arrow/visitor.mjs
var Visitor = class {
  visitMany(nodes, ...args) {
    return nodes.map((node, i) => this.visit(node, ...args.map((x) => x[i])));
  }
  visit(...args) {
    return this.getVisitFn(args[0], !1).apply(this, args);
  }
  getVisitFn(node, throwIfNotFound = !0) {
    return getVisitFn(this, node, throwIfNotFound);
  }
  getVisitFnByTypeId(typeId, throwIfNotFound = !0) {
    return getVisitFnByTypeId(this, typeId, throwIfNotFound);
  }
  visitNull(_node, ..._args) {
    return null;
  }
  visitBool(_node, ..._args) {
    return null;
  }
  visitInt(_node, ..._args) {
    return null;
  }
  visitFloat(_node, ..._args) {
    return null;
  }
  visitUtf8(_node, ..._args) {
    return null;
  }
  visitLargeUtf8(_node, ..._args) {
    return null;
  }
  visitUtf8View(_node, ..._args) {
    return null;
  }
  visitBinary(_node, ..._args) {
    return null;
  }
  visitLargeBinary(_node, ..._args) {
    return null;
  }
  visitBinaryView(_node, ..._args) {
    return null;
  }
  visitFixedSizeBinary(_node, ..._args) {
    return null;
  }
  visitDate(_node, ..._args) {
    return null;
  }
  visitTimestamp(_node, ..._args) {
    return null;
  }
  visitTime(_node, ..._args) {
    return null;
  }
  visitDecimal(_node, ..._args) {
    return null;
  }
  visitList(_node, ..._args) {
    return null;
  }
  visitLargeList(_node, ..._args) {
    return null;
  }
  visitStruct(_node, ..._args) {
    return null;
  }
  visitUnion(_node, ..._args) {
    return null;
  }
  visitDictionary(_node, ..._args) {
    return null;
  }
  visitInterval(_node, ..._args) {
    return null;
  }
  visitDuration(_node, ..._args) {
    return null;
  }
  visitFixedSizeList(_node, ..._args) {
    return null;
  }
  visitMap(_node, ..._args) {
    return null;
  }
};
function getVisitFn(visitor, node, throwIfNotFound = !0) {
  return typeof node == "number" ? getVisitFnByTypeId(visitor, node, throwIfNotFound) : typeof node == "string" && node in Type2 ? getVisitFnByTypeId(visitor, Type2[node], throwIfNotFound) : node && node instanceof DataType ? getVisitFnByTypeId(visitor, inferDType(node), throwIfNotFound) : node?.type && node.type instanceof DataType ? getVisitFnByTypeId(visitor, inferDType(node.type), throwIfNotFound) : getVisitFnByTypeId(visitor, Type2.NONE, throwIfNotFound);
}
function getVisitFnByTypeId(visitor, dtype, throwIfNotFound = !0) {
  let fn = null;
  switch (dtype) {
    case Type2.Null:
      fn = visitor.visitNull;
      break;
    case Type2.Bool:
      fn = visitor.visitBool;
      break;
    case Type2.Int:
      fn = visitor.visitInt;
      break;
    case Type2.Int8:
      fn = visitor.visitInt8 || visitor.visitInt;
      break;
    case Type2.Int16:
      fn = visitor.visitInt16 || visitor.visitInt;
      break;
    case Type2.Int32:
      fn = visitor.visitInt32 || visitor.visitInt;
      break;
    case Type2.Int64:
      fn = visitor.visitInt64 || visitor.visitInt;
      break;
    case Type2.Uint8:
      fn = visitor.visitUint8 || visitor.visitInt;
      break;
    case Type2.Uint16:
      fn = visitor.visitUint16 || visitor.visitInt;
      break;
    case Type2.Uint32:
      fn = visitor.visitUint32 || visitor.visitInt;
      break;
    case Type2.Uint64:
      fn = visitor.visitUint64 || visitor.visitInt;
      break;
    case Type2.Float:
      fn = visitor.visitFloat;
      break;
    case Type2.Float16:
      fn = visitor.visitFloat16 || visitor.visitFloat;
      break;
    case Type2.Float32:
      fn = visitor.visitFloat32 || visitor.visitFloat;
      break;
    case Type2.Float64:
      fn = visitor.visitFloat64 || visitor.visitFloat;
      break;
    case Type2.Utf8:
      fn = visitor.visitUtf8;
      break;
    case Type2.LargeUtf8:
      fn = visitor.visitLargeUtf8;
      break;
    case Type2.Utf8View:
      fn = visitor.visitUtf8View || visitor.visitUtf8;
      break;
    case Type2.Binary:
      fn = visitor.visitBinary;
      break;
    case Type2.LargeBinary:
      fn = visitor.visitLargeBinary;
      break;
    case Type2.BinaryView:
      fn = visitor.visitBinaryView || visitor.visitBinary;
      break;
    case Type2.FixedSizeBinary:
      fn = visitor.visitFixedSizeBinary;
      break;
    case Type2.Date:
      fn = visitor.visitDate;
      break;
    case Type2.DateDay:
      fn = visitor.visitDateDay || visitor.visitDate;
      break;
    case Type2.DateMillisecond:
      fn = visitor.visitDateMillisecond || visitor.visitDate;
      break;
    case Type2.Timestamp:
      fn = visitor.visitTimestamp;
      break;
    case Type2.TimestampSecond:
      fn = visitor.visitTimestampSecond || visitor.visitTimestamp;
      break;
    case Type2.TimestampMillisecond:
      fn = visitor.visitTimestampMillisecond || visitor.visitTimestamp;
      break;
    case Type2.TimestampMicrosecond:
      fn = visitor.visitTimestampMicrosecond || visitor.visitTimestamp;
      break;
    case Type2.TimestampNanosecond:
      fn = visitor.visitTimestampNanosecond || visitor.visitTimestamp;
      break;
    case Type2.Time:
      fn = visitor.visitTime;
      break;
    case Type2.TimeSecond:
      fn = visitor.visitTimeSecond || visitor.visitTime;
      break;
    case Type2.TimeMillisecond:
      fn = visitor.visitTimeMillisecond || visitor.visitTime;
      break;
    case Type2.TimeMicrosecond:
      fn = visitor.visitTimeMicrosecond || visitor.visitTime;
      break;
    case Type2.TimeNanosecond:
      fn = visitor.visitTimeNanosecond || visitor.visitTime;
      break;
    case Type2.Decimal:
      fn = visitor.visitDecimal;
      break;
    case Type2.List:
      fn = visitor.visitList;
      break;
    case Type2.LargeList:
      fn = visitor.visitLargeList;
      break;
    case Type2.Struct:
      fn = visitor.visitStruct;
      break;
    case Type2.Union:
      fn = visitor.visitUnion;
      break;
    case Type2.DenseUnion:
      fn = visitor.visitDenseUnion || visitor.visitUnion;
      break;
    case Type2.SparseUnion:
      fn = visitor.visitSparseUnion || visitor.visitUnion;
      break;
    case Type2.Dictionary:
      fn = visitor.visitDictionary;
      break;
    case Type2.Interval:
      fn = visitor.visitInterval;
      break;
    case Type2.IntervalDayTime:
      fn = visitor.visitIntervalDayTime || visitor.visitInterval;
      break;
    case Type2.IntervalYearMonth:
      fn = visitor.visitIntervalYearMonth || visitor.visitInterval;
      break;
    case Type2.IntervalMonthDayNano:
      fn = visitor.visitIntervalMonthDayNano || visitor.visitInterval;
      break;
    case Type2.Duration:
      fn = visitor.visitDuration;
      break;
    case Type2.DurationSecond:
      fn = visitor.visitDurationSecond || visitor.visitDuration;
      break;
    case Type2.DurationMillisecond:
      fn = visitor.visitDurationMillisecond || visitor.visitDuration;
      break;
    case Type2.DurationMicrosecond:
      fn = visitor.visitDurationMicrosecond || visitor.visitDuration;
      break;
    case Type2.DurationNanosecond:
      fn = visitor.visitDurationNanosecond || visitor.visitDuration;
      break;
    case Type2.FixedSizeList:
      fn = visitor.visitFixedSizeList;
      break;
    case Type2.Map:
      fn = visitor.visitMap;
      break;
  }
  if (typeof fn == "function")
    return fn;
  if (!throwIfNotFound)
    return () => null;
  throw new Error(`Unrecognized type '${Type2[dtype]}'`);
}
function inferDType(type) {
  switch (type.typeId) {
    case Type2.Null:
      return Type2.Null;
    case Type2.Int: {
      let { bitWidth, isSigned } = type;
      switch (bitWidth) {
        case 8:
          return isSigned ? Type2.Int8 : Type2.Uint8;
        case 16:
          return isSigned ? Type2.Int16 : Type2.Uint16;
        case 32:
          return isSigned ? Type2.Int32 : Type2.Uint32;
        case 64:
          return isSigned ? Type2.Int64 : Type2.Uint64;
      }
      return Type2.Int;
    }
    case Type2.Float:
      switch (type.precision) {
        case Precision.HALF:
          return Type2.Float16;
        case Precision.SINGLE:
          return Type2.Float32;
        case Precision.DOUBLE:
          return Type2.Float64;
      }
      return Type2.Float;
    case Type2.Binary:
      return Type2.Binary;
    case Type2.LargeBinary:
      return Type2.LargeBinary;
    case Type2.BinaryView:
      return Type2.BinaryView;
    case Type2.Utf8:
      return Type2.Utf8;
    case Type2.LargeUtf8:
      return Type2.LargeUtf8;
    case Type2.Utf8View:
      return Type2.Utf8View;
    case Type2.Bool:
      return Type2.Bool;
    case Type2.Decimal:
      return Type2.Decimal;
    case Type2.Time:
      switch (type.unit) {
        case TimeUnit.SECOND:
          return Type2.TimeSecond;
        case TimeUnit.MILLISECOND:
          return Type2.TimeMillisecond;
        case TimeUnit.MICROSECOND:
          return Type2.TimeMicrosecond;
        case TimeUnit.NANOSECOND:
          return Type2.TimeNanosecond;
      }
      return Type2.Time;
    case Type2.Timestamp:
      switch (type.unit) {
        case TimeUnit.SECOND:
          return Type2.TimestampSecond;
        case TimeUnit.MILLISECOND:
          return Type2.TimestampMillisecond;
        case TimeUnit.MICROSECOND:
          return Type2.TimestampMicrosecond;
        case TimeUnit.NANOSECOND:
          return Type2.TimestampNanosecond;
      }
      return Type2.Timestamp;
    case Type2.Date:
      switch (type.unit) {
        case DateUnit.DAY:
          return Type2.DateDay;
        case DateUnit.MILLISECOND:
          return Type2.DateMillisecond;
      }
      return Type2.Date;
    case Type2.Interval:
      switch (type.unit) {
        case IntervalUnit.DAY_TIME:
          return Type2.IntervalDayTime;
        case IntervalUnit.YEAR_MONTH:
          return Type2.IntervalYearMonth;
        case IntervalUnit.MONTH_DAY_NANO:
          return Type2.IntervalMonthDayNano;
      }
      return Type2.Interval;
    case Type2.Duration:
      switch (type.unit) {
        case TimeUnit.SECOND:
          return Type2.DurationSecond;
        case TimeUnit.MILLISECOND:
          return Type2.DurationMillisecond;
        case TimeUnit.MICROSECOND:
          return Type2.DurationMicrosecond;
        case TimeUnit.NANOSECOND:
          return Type2.DurationNanosecond;
      }
      return Type2.Duration;
    case Type2.Map:
      return Type2.Map;
    case Type2.List:
      return Type2.List;
    case Type2.LargeList:
      return Type2.LargeList;
    case Type2.Struct:
      return Type2.Struct;
    case Type2.Union:
      switch (type.mode) {
        case UnionMode.Dense:
          return Type2.DenseUnion;
        case UnionMode.Sparse:
          return Type2.SparseUnion;
      }
      return Type2.Union;
    case Type2.FixedSizeBinary:
      return Type2.FixedSizeBinary;
    case Type2.FixedSizeList:
      return Type2.FixedSizeList;
    case Type2.Dictionary:
      return Type2.Dictionary;
  }
  throw new Error(`Unrecognized type '${Type2[type.typeId]}'`);
}
Visitor.prototype.visitInt8 = null;
Visitor.prototype.visitInt16 = null;
Visitor.prototype.visitInt32 = null;
Visitor.prototype.visitInt64 = null;
Visitor.prototype.visitUint8 = null;
Visitor.prototype.visitUint16 = null;
Visitor.prototype.visitUint32 = null;
Visitor.prototype.visitUint64 = null;
Visitor.prototype.visitFloat16 = null;
Visitor.prototype.visitFloat32 = null;
Visitor.prototype.visitFloat64 = null;
Visitor.prototype.visitDateDay = null;
Visitor.prototype.visitDateMillisecond = null;
Visitor.prototype.visitTimestampSecond = null;
Visitor.prototype.visitTimestampMillisecond = null;
Visitor.prototype.visitTimestampMicrosecond = null;
Visitor.prototype.visitTimestampNanosecond = null;
Visitor.prototype.visitTimeSecond = null;
Visitor.prototype.visitTimeMillisecond = null;
Visitor.prototype.visitTimeMicrosecond = null;
Visitor.prototype.visitTimeNanosecond = null;
Visitor.prototype.visitDenseUnion = null;
Visitor.prototype.visitSparseUnion = null;
Visitor.prototype.visitIntervalDayTime = null;
Visitor.prototype.visitIntervalYearMonth = null;
Visitor.prototype.visitIntervalMonthDayNano = null;
Visitor.prototype.visitDuration = null;
Visitor.prototype.visitDurationSecond = null;
Visitor.prototype.visitDurationMillisecond = null;
Visitor.prototype.visitDurationMicrosecond = null;
Visitor.prototype.visitDurationNanosecond = null;

// node_modules/apache-arrow/util/math.mjs
var math_exports = {};
__export(math_exports, {
  float64ToUint16: () => float64ToUint16,
  uint16ToFloat64: () => uint16ToFloat64
});
var f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
function uint16ToFloat64(h) {
  let expo = (h & 31744) >> 10, sigf = (h & 1023) / 1024, sign = Math.pow(-1, (h & 32768) >> 15);
  switch (expo) {
    case 31:
      return sign * (sigf ? Number.NaN : 1 / 0);
    case 0:
      return sign * (sigf ? 6103515625e-14 * sigf : 0);
  }
  return sign * Math.pow(2, expo - 15) * (1 + sigf);
}
function float64ToUint16(d) {
  if (d !== d)
    return 32256;
  f64[0] = d;
  let sign = (u32[1] & 2147483648) >> 16 & 65535, expo = u32[1] & 2146435072, sigf = 0;
  return expo >= 1089470464 ? u32[0] > 0 ? expo = 31744 : (expo = (expo & 2080374784) >> 16, sigf = (u32[1] & 1048575) >> 10) : expo <= 1056964608 ? (sigf = 1048576 + (u32[1] & 1048575), sigf = 1048576 + (sigf << (expo >> 20) - 998) >> 21, expo = 0) : (expo = expo - 1056964608 >> 10, sigf = (u32[1] & 1048575) + 512 >> 10), sign | expo | sigf & 65535;
}

// node_modules/apache-arrow/visitor/set.mjs
var SetVisitor = class extends Visitor {
};
function wrapSet(fn) {
  return (data, _1, _2) => {
    if (data.setValid(_1, _2 != null))
      return fn(data, _1, _2);
  };
}
var setEpochMsToDays = (data, index, epochMs) => {
  data[index] = Math.floor(epochMs / 864e5);
}, setVariableWidthBytes = (values, valueOffsets, index, value) => {
  if (index + 1 < valueOffsets.length) {
    let x = bigIntToNumber(valueOffsets[index]), y = bigIntToNumber(valueOffsets[index + 1]);
    values.set(value.subarray(0, y - x), x);
  }
}, setBool = ({ offset, values }, index, val) => {
  let idx = offset + index;
  val ? values[idx >> 3] |= 1 << idx % 8 : values[idx >> 3] &= ~(1 << idx % 8);
}, setInt = ({ values }, index, value) => {
  values[index] = value;
}, setFloat = ({ values }, index, value) => {
  values[index] = value;
}, setFloat16 = ({ values }, index, value) => {
  values[index] = float64ToUint16(value);
}, setAnyFloat = (data, index, value) => {
  switch (data.type.precision) {
    case Precision.HALF:
      return setFloat16(data, index, value);
    case Precision.SINGLE:
    case Precision.DOUBLE:
      return setFloat(data, index, value);
  }
}, setDateDay = ({ values }, index, value) => {
  setEpochMsToDays(values, index, value.valueOf());
}, setDateMillisecond = ({ values }, index, value) => {
  values[index] = BigInt(value);
}, setFixedSizeBinary = ({ stride, values }, index, value) => {
  values.set(value.subarray(0, stride), stride * index);
}, setBinary = ({ values, valueOffsets }, index, value) => setVariableWidthBytes(values, valueOffsets, index, value), ensureWritableVariadicBuffers = (data) => {
  let buffers = data.variadicBuffers;
  return (!Array.isArray(buffers) || Object.isFrozen(buffers)) && (buffers = Array.from(buffers), data.variadicBuffers = buffers), buffers;
}, setBinaryViewBytes = (data, index, bytes) => {
  var _a5, _b2, _c2, _d2;
  let views = data.values;
  if (!views)
    throw new Error("BinaryView data is missing view buffer");
  let elementWidth = BinaryView2.ELEMENT_WIDTH, viewOffset = index * elementWidth, end = viewOffset + elementWidth;
  if (viewOffset < 0 || end > views.length)
    throw new RangeError(`BinaryView index ${index} out of bounds`);
  views.fill(0, viewOffset, end);
  let view = new DataView(views.buffer, views.byteOffset + viewOffset, elementWidth), length = bytes.length;
  if (view.setInt32(BinaryView2.LENGTH_OFFSET, length, !0), length <= BinaryView2.INLINE_CAPACITY) {
    views.set(bytes, viewOffset + BinaryView2.INLINE_OFFSET);
    return;
  }
  let prefix = ((_a5 = bytes[0]) !== null && _a5 !== void 0 ? _a5 : 0) | ((_b2 = bytes[1]) !== null && _b2 !== void 0 ? _b2 : 0) << 8 | ((_c2 = bytes[2]) !== null && _c2 !== void 0 ? _c2 : 0) << 16 | ((_d2 = bytes[3]) !== null && _d2 !== void 0 ? _d2 : 0) << 24;
  view.setUint32(BinaryView2.INLINE_OFFSET, prefix >>> 0, !0);
  let buffers = ensureWritableVariadicBuffers(data), copy = bytes.slice(), bufferIndex = buffers.push(copy) - 1;
  view.setInt32(BinaryView2.BUFFER_INDEX_OFFSET, bufferIndex, !0), view.setInt32(BinaryView2.BUFFER_OFFSET_OFFSET, 0, !0);
}, setBinaryView = (data, index, value) => {
  let bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
  setBinaryViewBytes(data, index, bytes);
}, setUtf8 = ({ values, valueOffsets }, index, value) => setVariableWidthBytes(values, valueOffsets, index, encodeUtf8(value)), setUtf8View = (data, index, value) => {
  let bytes = encodeUtf8(value);
  setBinaryViewBytes(data, index, bytes);
}, setDate = (data, index, value) => {
  data.type.unit === DateUnit.DAY ? setDateDay(data, index, value) : setDateMillisecond(data, index, value);
}, setTimestampSecond = ({ values }, index, value) => {
  values[index] = BigInt(value / 1e3);
}, setTimestampMillisecond = ({ values }, index, value) => {
  values[index] = BigInt(value);
}, setTimestampMicrosecond = ({ values }, index, value) => {
  values[index] = BigInt(value * 1e3);
}, setTimestampNanosecond = ({ values }, index, value) => {
  values[index] = BigInt(value * 1e6);
}, setTimestamp = (data, index, value) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return setTimestampSecond(data, index, value);
    case TimeUnit.MILLISECOND:
      return setTimestampMillisecond(data, index, value);
    case TimeUnit.MICROSECOND:
      return setTimestampMicrosecond(data, index, value);
    case TimeUnit.NANOSECOND:
      return setTimestampNanosecond(data, index, value);
  }
}, setTimeSecond = ({ values }, index, value) => {
  values[index] = value;
}, setTimeMillisecond = ({ values }, index, value) => {
  values[index] = value;
}, setTimeMicrosecond = ({ values }, index, value) => {
  values[index] = value;
}, setTimeNanosecond = ({ values }, index, value) => {
  values[index] = value;
}, setTime = (data, index, value) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return setTimeSecond(data, index, value);
    case TimeUnit.MILLISECOND:
      return setTimeMillisecond(data, index, value);
    case TimeUnit.MICROSECOND:
      return setTimeMicrosecond(data, index, value);
    case TimeUnit.NANOSECOND:
      return setTimeNanosecond(data, index, value);
  }
}, setDecimal = ({ values, stride }, index, value) => {
  values.set(value.subarray(0, stride), stride * index);
}, setList = (data, index, value) => {
  let values = data.children[0], valueOffsets = data.valueOffsets, set = instance.getVisitFn(values), begin = bigIntToNumber(valueOffsets[index]), end = bigIntToNumber(valueOffsets[index + 1]);
  if (Array.isArray(value))
    for (let idx = -1, itr = begin; itr < end; )
      set(values, itr++, value[++idx]);
  else
    for (let idx = -1, itr = begin; itr < end; )
      set(values, itr++, value.get(++idx));
}, setMap = (data, index, value) => {
  let values = data.children[0], { valueOffsets } = data, set = instance.getVisitFn(values), { [index]: idx, [index + 1]: end } = valueOffsets, entries = value instanceof Map ? value.entries() : Object.entries(value);
  for (let val of entries)
    if (set(values, idx, val), ++idx >= end)
      break;
}, _setStructArrayValue = (o, v) => (set, c, _, i) => c && set(c, o, v[i]), _setStructVectorValue = (o, v) => (set, c, _, i) => c && set(c, o, v.get(i)), _setStructMapValue = (o, v) => (set, c, f, _) => c && set(c, o, v.get(f.name)), _setStructObjectValue = (o, v) => (set, c, f, _) => c && set(c, o, v[f.name]), setStruct = (data, index, value) => {
  let childSetters = data.type.children.map((f) => instance.getVisitFn(f.type)), set = value instanceof Map ? _setStructMapValue(index, value) : value instanceof Vector ? _setStructVectorValue(index, value) : Array.isArray(value) ? _setStructArrayValue(index, value) : _setStructObjectValue(index, value);
  data.type.children.forEach((f, i) => set(childSetters[i], data.children[i], f, i));
}, setUnion = (data, index, value) => {
  data.type.mode === UnionMode.Dense ? setDenseUnion(data, index, value) : setSparseUnion(data, index, value);
}, setDenseUnion = (data, index, value) => {
  let childIndex = data.type.typeIdToChildIndex[data.typeIds[index]], child = data.children[childIndex];
  instance.visit(child, data.valueOffsets[index], value);
}, setSparseUnion = (data, index, value) => {
  let childIndex = data.type.typeIdToChildIndex[data.typeIds[index]], child = data.children[childIndex];
  instance.visit(child, index, value);
}, setDictionary = (data, index, value) => {
  var _a5;
  (_a5 = data.dictionary) === null || _a5 === void 0 || _a5.set(data.values[index], value);
}, setIntervalValue = (data, index, value) => {
  switch (data.type.unit) {
    case IntervalUnit.YEAR_MONTH:
      return setIntervalYearMonth(data, index, value);
    case IntervalUnit.DAY_TIME:
      return setIntervalDayTime(data, index, value);
    case IntervalUnit.MONTH_DAY_NANO:
      return setIntervalMonthDayNano(data, index, value);
  }
}, setIntervalDayTime = ({ values }, index, value) => {
  values.set(value.subarray(0, 2), 2 * index);
}, setIntervalYearMonth = ({ values }, index, value) => {
  values[index] = value[0] * 12 + value[1] % 12;
}, setIntervalMonthDayNano = ({ values, stride }, index, value) => {
  values.set(value.subarray(0, stride), stride * index);
}, setDurationSecond = ({ values }, index, value) => {
  values[index] = value;
}, setDurationMillisecond = ({ values }, index, value) => {
  values[index] = value;
}, setDurationMicrosecond = ({ values }, index, value) => {
  values[index] = value;
}, setDurationNanosecond = ({ values }, index, value) => {
  values[index] = value;
}, setDuration = (data, index, value) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return setDurationSecond(data, index, value);
    case TimeUnit.MILLISECOND:
      return setDurationMillisecond(data, index, value);
    case TimeUnit.MICROSECOND:
      return setDurationMicrosecond(data, index, value);
    case TimeUnit.NANOSECOND:
      return setDurationNanosecond(data, index, value);
  }
}, setFixedSizeList = (data, index, value) => {
  let { stride } = data, child = data.children[0], set = instance.getVisitFn(child);
  if (Array.isArray(value))
    for (let idx = -1, offset = index * stride; ++idx < stride; )
      set(child, offset + idx, value[idx]);
  else
    for (let idx = -1, offset = index * stride; ++idx < stride; )
      set(child, offset + idx, value.get(idx));
};
SetVisitor.prototype.visitBool = wrapSet(setBool);
SetVisitor.prototype.visitInt = wrapSet(setInt);
SetVisitor.prototype.visitInt8 = wrapSet(setInt);
SetVisitor.prototype.visitInt16 = wrapSet(setInt);
SetVisitor.prototype.visitInt32 = wrapSet(setInt);
SetVisitor.prototype.visitInt64 = wrapSet(setInt);
SetVisitor.prototype.visitUint8 = wrapSet(setInt);
SetVisitor.prototype.visitUint16 = wrapSet(setInt);
SetVisitor.prototype.visitUint32 = wrapSet(setInt);
SetVisitor.prototype.visitUint64 = wrapSet(setInt);
SetVisitor.prototype.visitFloat = wrapSet(setAnyFloat);
SetVisitor.prototype.visitFloat16 = wrapSet(setFloat16);
SetVisitor.prototype.visitFloat32 = wrapSet(setFloat);
SetVisitor.prototype.visitFloat64 = wrapSet(setFloat);
SetVisitor.prototype.visitUtf8 = wrapSet(setUtf8);
SetVisitor.prototype.visitLargeUtf8 = wrapSet(setUtf8);
SetVisitor.prototype.visitUtf8View = wrapSet(setUtf8View);
SetVisitor.prototype.visitBinary = wrapSet(setBinary);
SetVisitor.prototype.visitLargeBinary = wrapSet(setBinary);
SetVisitor.prototype.visitBinaryView = wrapSet(setBinaryView);
SetVisitor.prototype.visitFixedSizeBinary = wrapSet(setFixedSizeBinary);
SetVisitor.prototype.visitDate = wrapSet(setDate);
SetVisitor.prototype.visitDateDay = wrapSet(setDateDay);
SetVisitor.prototype.visitDateMillisecond = wrapSet(setDateMillisecond);
SetVisitor.prototype.visitTimestamp = wrapSet(setTimestamp);
SetVisitor.prototype.visitTimestampSecond = wrapSet(setTimestampSecond);
SetVisitor.prototype.visitTimestampMillisecond = wrapSet(setTimestampMillisecond);
SetVisitor.prototype.visitTimestampMicrosecond = wrapSet(setTimestampMicrosecond);
SetVisitor.prototype.visitTimestampNanosecond = wrapSet(setTimestampNanosecond);
SetVisitor.prototype.visitTime = wrapSet(setTime);
SetVisitor.prototype.visitTimeSecond = wrapSet(setTimeSecond);
SetVisitor.prototype.visitTimeMillisecond = wrapSet(setTimeMillisecond);
SetVisitor.prototype.visitTimeMicrosecond = wrapSet(setTimeMicrosecond);
SetVisitor.prototype.visitTimeNanosecond = wrapSet(setTimeNanosecond);
SetVisitor.prototype.visitDecimal = wrapSet(setDecimal);
SetVisitor.prototype.visitList = wrapSet(setList);
SetVisitor.prototype.visitLargeList = wrapSet(setList);
SetVisitor.prototype.visitStruct = wrapSet(setStruct);
SetVisitor.prototype.visitUnion = wrapSet(setUnion);
SetVisitor.prototype.visitDenseUnion = wrapSet(setDenseUnion);
SetVisitor.prototype.visitSparseUnion = wrapSet(setSparseUnion);
SetVisitor.prototype.visitDictionary = wrapSet(setDictionary);
SetVisitor.prototype.visitInterval = wrapSet(setIntervalValue);
SetVisitor.prototype.visitIntervalDayTime = wrapSet(setIntervalDayTime);
SetVisitor.prototype.visitIntervalYearMonth = wrapSet(setIntervalYearMonth);
SetVisitor.prototype.visitIntervalMonthDayNano = wrapSet(setIntervalMonthDayNano);
SetVisitor.prototype.visitDuration = wrapSet(setDuration);
SetVisitor.prototype.visitDurationSecond = wrapSet(setDurationSecond);
SetVisitor.prototype.visitDurationMillisecond = wrapSet(setDurationMillisecond);
SetVisitor.prototype.visitDurationMicrosecond = wrapSet(setDurationMicrosecond);
SetVisitor.prototype.visitDurationNanosecond = wrapSet(setDurationNanosecond);
SetVisitor.prototype.visitFixedSizeList = wrapSet(setFixedSizeList);
SetVisitor.prototype.visitMap = wrapSet(setMap);
var instance = new SetVisitor();

// node_modules/apache-arrow/row/struct.mjs
var kParent = /* @__PURE__ */ Symbol.for("parent"), kRowIndex = /* @__PURE__ */ Symbol.for("rowIndex"), StructRow = class {
  constructor(parent, rowIndex) {
    return this[kParent] = parent, this[kRowIndex] = rowIndex, new Proxy(this, structRowProxyHandler);
  }
  toArray() {
    return Object.values(this.toJSON());
  }
  toJSON() {
    let i = this[kRowIndex], parent = this[kParent], keys = parent.type.children, json = {};
    for (let j = -1, n = keys.length; ++j < n; )
      json[keys[j].name] = instance2.visit(parent.children[j], i);
    return json;
  }
  toString() {
    return `{${[...this].map(([key, val]) => `${valueToString(key)}: ${valueToString(val)}`).join(", ")}}`;
  }
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toString();
  }
  [Symbol.iterator]() {
    return new StructRowIterator(this[kParent], this[kRowIndex]);
  }
}, StructRowIterator = class {
  constructor(data, rowIndex) {
    this.childIndex = 0, this.children = data.children, this.rowIndex = rowIndex, this.childFields = data.type.children, this.numChildren = this.childFields.length;
  }
  [Symbol.iterator]() {
    return this;
  }
  next() {
    let i = this.childIndex;
    return i < this.numChildren ? (this.childIndex = i + 1, {
      done: !1,
      value: [
        this.childFields[i].name,
        instance2.visit(this.children[i], this.rowIndex)
      ]
    }) : { done: !0, value: null };
  }
};
Object.defineProperties(StructRow.prototype, {
  [Symbol.toStringTag]: { enumerable: !1, configurable: !1, value: "Row" },
  [kParent]: { writable: !0, enumerable: !1, configurable: !1, value: null },
  [kRowIndex]: { writable: !0, enumerable: !1, configurable: !1, value: -1 }
});
var StructRowProxyHandler = class {
  isExtensible() {
    return !1;
  }
  deleteProperty() {
    return !1;
  }
  preventExtensions() {
    return !0;
  }
  ownKeys(row) {
    return row[kParent].type.children.map((f) => f.name);
  }
  has(row, key) {
    return row[kParent].type.children.some((f) => f.name === key);
  }
  getOwnPropertyDescriptor(row, key) {
    if (row[kParent].type.children.some((f) => f.name === key))
      return { writable: !0, enumerable: !0, configurable: !0 };
  }
  get(row, key) {
    if (Reflect.has(row, key))
      return row[key];
    let idx = row[kParent].type.children.findIndex((f) => f.name === key);
    if (idx !== -1) {
      let val = instance2.visit(row[kParent].children[idx], row[kRowIndex]);
      return Reflect.set(row, key, val), val;
    }
  }
  set(row, key, val) {
    let idx = row[kParent].type.children.findIndex((f) => f.name === key);
    return idx !== -1 ? (instance.visit(row[kParent].children[idx], row[kRowIndex], val), Reflect.set(row, key, val)) : Reflect.has(row, key) || typeof key == "symbol" ? Reflect.set(row, key, val) : !1;
  }
}, structRowProxyHandler = new StructRowProxyHandler();

// node_modules/apache-arrow/visitor/get.mjs
var GetVisitor = class extends Visitor {
};
function wrapGet(fn) {
  return (data, _1) => data.getValid(_1) ? fn(data, _1) : null;
}
var epochDaysToMs = (data, index) => 864e5 * data[index], BINARY_VIEW_SIZE = 16, BINARY_VIEW_INLINE_CAPACITY = 12, getNull = (_data, _index) => null, getVariableWidthBytes = (values, valueOffsets, index) => {
  if (index + 1 >= valueOffsets.length)
    return null;
  let x = bigIntToNumber(valueOffsets[index]), y = bigIntToNumber(valueOffsets[index + 1]);
  return values.subarray(x, y);
}, getBool = ({ offset, values }, index) => {
  let idx = offset + index;
  return (values[idx >> 3] & 1 << idx % 8) !== 0;
}, getDateDay = ({ values }, index) => epochDaysToMs(values, index), getDateMillisecond = ({ values }, index) => bigIntToNumber(values[index]), getNumeric = ({ stride, values }, index) => values[stride * index], getFloat16 = ({ stride, values }, index) => uint16ToFloat64(values[stride * index]), getBigInts = ({ values }, index) => values[index], getFixedSizeBinary = ({ stride, values }, index) => values.subarray(stride * index, stride * (index + 1)), getBinary = ({ values, valueOffsets }, index) => getVariableWidthBytes(values, valueOffsets, index), getBinaryViewBytes = (data, index) => {
  var _a5;
  let values = data.values;
  if (!values)
    throw new Error("BinaryView data is missing view buffer");
  let viewOffset = index * BINARY_VIEW_SIZE, end = viewOffset + BINARY_VIEW_SIZE;
  if (viewOffset < 0 || end > values.length)
    throw new Error(`BinaryView data buffer is too short: expected ${BINARY_VIEW_SIZE} bytes, got ${Math.max(0, values.length - viewOffset)}`);
  let viewStruct = values.subarray(viewOffset, end);
  if (viewStruct.length < BINARY_VIEW_SIZE)
    throw new Error(`BinaryView data buffer is too short: expected ${BINARY_VIEW_SIZE} bytes, got ${viewStruct.length}`);
  let view = new DataView(values.buffer, viewStruct.byteOffset, BINARY_VIEW_SIZE), size = view.getInt32(0, !0);
  if (size <= 0)
    return new Uint8Array(0);
  if (size <= BINARY_VIEW_INLINE_CAPACITY)
    return viewStruct.subarray(4, 4 + size);
  let bufferIndex = view.getInt32(8, !0), offset = view.getInt32(12, !0), variadicBuffer = (_a5 = data.variadicBuffers) === null || _a5 === void 0 ? void 0 : _a5[bufferIndex];
  if (!variadicBuffer)
    throw new Error(`BinaryView variadic buffer ${bufferIndex} is missing`);
  return variadicBuffer.subarray(offset, offset + size);
}, getBinaryViewValue = (data, index) => getBinaryViewBytes(data, index), getUtf8 = ({ values, valueOffsets }, index) => {
  let bytes = getVariableWidthBytes(values, valueOffsets, index);
  return bytes !== null ? decodeUtf8(bytes) : null;
}, getUtf8ViewValue = (data, index) => {
  let bytes = getBinaryViewBytes(data, index);
  return decodeUtf8(bytes);
}, getInt = ({ values }, index) => values[index], getFloat = ({ type, values }, index) => type.precision !== Precision.HALF ? values[index] : uint16ToFloat64(values[index]), getDate = (data, index) => data.type.unit === DateUnit.DAY ? getDateDay(data, index) : getDateMillisecond(data, index), getTimestampSecond = ({ values }, index) => 1e3 * bigIntToNumber(values[index]), getTimestampMillisecond = ({ values }, index) => bigIntToNumber(values[index]), getTimestampMicrosecond = ({ values }, index) => divideBigInts(values[index], BigInt(1e3)), getTimestampNanosecond = ({ values }, index) => divideBigInts(values[index], BigInt(1e6)), getTimestamp = (data, index) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return getTimestampSecond(data, index);
    case TimeUnit.MILLISECOND:
      return getTimestampMillisecond(data, index);
    case TimeUnit.MICROSECOND:
      return getTimestampMicrosecond(data, index);
    case TimeUnit.NANOSECOND:
      return getTimestampNanosecond(data, index);
  }
}, getTimeSecond = ({ values }, index) => values[index], getTimeMillisecond = ({ values }, index) => values[index], getTimeMicrosecond = ({ values }, index) => values[index], getTimeNanosecond = ({ values }, index) => values[index], getTime = (data, index) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return getTimeSecond(data, index);
    case TimeUnit.MILLISECOND:
      return getTimeMillisecond(data, index);
    case TimeUnit.MICROSECOND:
      return getTimeMicrosecond(data, index);
    case TimeUnit.NANOSECOND:
      return getTimeNanosecond(data, index);
  }
}, getDecimal = ({ values, stride }, index) => BN.decimal(values.subarray(stride * index, stride * (index + 1))), getList = (data, index) => {
  let { valueOffsets, stride, children } = data, begin = bigIntToNumber(valueOffsets[index * stride]), end = bigIntToNumber(valueOffsets[index * stride + 1]), slice = children[0].slice(begin, end - begin);
  return new Vector([slice]);
}, getMap = (data, index) => {
  let { valueOffsets, children } = data, { [index]: begin, [index + 1]: end } = valueOffsets, child = children[0];
  return new MapRow(child.slice(begin, end - begin));
}, getStruct = (data, index) => new StructRow(data, index), getUnion = (data, index) => data.type.mode === UnionMode.Dense ? getDenseUnion(data, index) : getSparseUnion(data, index), getDenseUnion = (data, index) => {
  let childIndex = data.type.typeIdToChildIndex[data.typeIds[index]], child = data.children[childIndex];
  return instance2.visit(child, data.valueOffsets[index]);
}, getSparseUnion = (data, index) => {
  let childIndex = data.type.typeIdToChildIndex[data.typeIds[index]], child = data.children[childIndex];
  return instance2.visit(child, index);
}, getDictionary = (data, index) => {
  var _a5;
  return (_a5 = data.dictionary) === null || _a5 === void 0 ? void 0 : _a5.get(data.values[index]);
}, getInterval = (data, index) => data.type.unit === IntervalUnit.MONTH_DAY_NANO ? getIntervalMonthDayNano(data, index) : data.type.unit === IntervalUnit.DAY_TIME ? getIntervalDayTime(data, index) : getIntervalYearMonth(data, index), getIntervalDayTime = ({ values }, index) => values.subarray(2 * index, 2 * (index + 1)), getIntervalYearMonth = ({ values }, index) => {
  let interval = values[index], int32s = new Int32Array(2);
  return int32s[0] = Math.trunc(interval / 12), int32s[1] = Math.trunc(interval % 12), int32s;
}, getIntervalMonthDayNano = ({ values }, index) => values.subarray(4 * index, 4 * (index + 1)), getDurationSecond = ({ values }, index) => values[index], getDurationMillisecond = ({ values }, index) => values[index], getDurationMicrosecond = ({ values }, index) => values[index], getDurationNanosecond = ({ values }, index) => values[index], getDuration = (data, index) => {
  switch (data.type.unit) {
    case TimeUnit.SECOND:
      return getDurationSecond(data, index);
    case TimeUnit.MILLISECOND:
      return getDurationMillisecond(data, index);
    case TimeUnit.MICROSECOND:
      return getDurationMicrosecond(data, index);
    case TimeUnit.NANOSECOND:
      return getDurationNanosecond(data, index);
  }
}, getFixedSizeList = (data, index) => {
  let { stride, children } = data, slice = children[0].slice(index * stride, stride);
  return new Vector([slice]);
};
GetVisitor.prototype.visitNull = wrapGet(getNull);
GetVisitor.prototype.visitBool = wrapGet(getBool);
GetVisitor.prototype.visitInt = wrapGet(getInt);
GetVisitor.prototype.visitInt8 = wrapGet(getNumeric);
GetVisitor.prototype.visitInt16 = wrapGet(getNumeric);
GetVisitor.prototype.visitInt32 = wrapGet(getNumeric);
GetVisitor.prototype.visitInt64 = wrapGet(getBigInts);
GetVisitor.prototype.visitUint8 = wrapGet(getNumeric);
GetVisitor.prototype.visitUint16 = wrapGet(getNumeric);
GetVisitor.prototype.visitUint32 = wrapGet(getNumeric);
GetVisitor.prototype.visitUint64 = wrapGet(getBigInts);
GetVisitor.prototype.visitFloat = wrapGet(getFloat);
GetVisitor.prototype.visitFloat16 = wrapGet(getFloat16);
GetVisitor.prototype.visitFloat32 = wrapGet(getNumeric);
GetVisitor.prototype.visitFloat64 = wrapGet(getNumeric);
GetVisitor.prototype.visitUtf8 = wrapGet(getUtf8);
GetVisitor.prototype.visitLargeUtf8 = wrapGet(getUtf8);
GetVisitor.prototype.visitUtf8View = wrapGet(getUtf8ViewValue);
GetVisitor.prototype.visitBinary = wrapGet(getBinary);
GetVisitor.prototype.visitLargeBinary = wrapGet(getBinary);
GetVisitor.prototype.visitBinaryView = wrapGet(getBinaryViewValue);
GetVisitor.prototype.visitFixedSizeBinary = wrapGet(getFixedSizeBinary);
GetVisitor.prototype.visitDate = wrapGet(getDate);
GetVisitor.prototype.visitDateDay = wrapGet(getDateDay);
GetVisitor.prototype.visitDateMillisecond = wrapGet(getDateMillisecond);
GetVisitor.prototype.visitTimestamp = wrapGet(getTimestamp);
GetVisitor.prototype.visitTimestampSecond = wrapGet(getTimestampSecond);
GetVisitor.prototype.visitTimestampMillisecond = wrapGet(getTimestampMillisecond);
GetVisitor.prototype.visitTimestampMicrosecond = wrapGet(getTimestampMicrosecond);
GetVisitor.prototype.visitTimestampNanosecond = wrapGet(getTimestampNanosecond);
GetVisitor.prototype.visitTime = wrapGet(getTime);
GetVisitor.prototype.visitTimeSecond = wrapGet(getTimeSecond);
GetVisitor.prototype.visitTimeMillisecond = wrapGet(getTimeMillisecond);
GetVisitor.prototype.visitTimeMicrosecond = wrapGet(getTimeMicrosecond);
GetVisitor.prototype.visitTimeNanosecond = wrapGet(getTimeNanosecond);
GetVisitor.prototype.visitDecimal = wrapGet(getDecimal);
GetVisitor.prototype.visitList = wrapGet(getList);
GetVisitor.prototype.visitLargeList = wrapGet(getList);
GetVisitor.prototype.visitStruct = wrapGet(getStruct);
GetVisitor.prototype.visitUnion = wrapGet(getUnion);
GetVisitor.prototype.visitDenseUnion = wrapGet(getDenseUnion);
GetVisitor.prototype.visitSparseUnion = wrapGet(getSparseUnion);
GetVisitor.prototype.visitDictionary = wrapGet(getDictionary);
GetVisitor.prototype.visitInterval = wrapGet(getInterval);
GetVisitor.prototype.visitIntervalDayTime = wrapGet(getIntervalDayTime);
GetVisitor.prototype.visitIntervalYearMonth = wrapGet(getIntervalYearMonth);
GetVisitor.prototype.visitIntervalMonthDayNano = wrapGet(getIntervalMonthDayNano);
GetVisitor.prototype.visitDuration = wrapGet(getDuration);
GetVisitor.prototype.visitDurationSecond = wrapGet(getDurationSecond);
GetVisitor.prototype.visitDurationMillisecond = wrapGet(getDurationMillisecond);
GetVisitor.prototype.visitDurationMicrosecond = wrapGet(getDurationMicrosecond);
GetVisitor.prototype.visitDurationNanosecond = wrapGet(getDurationNanosecond);
GetVisitor.prototype.visitFixedSizeList = wrapGet(getFixedSizeList);
GetVisitor.prototype.visitMap = wrapGet(getMap);
var instance2 = new GetVisitor();

// node_modules/apache-arrow/row/map.mjs
var kKeys = /* @__PURE__ */ Symbol.for("keys"), kVals = /* @__PURE__ */ Symbol.for("vals"), kKeysAsStrings = /* @__PURE__ */ Symbol.for("kKeysAsStrings"), _kKeysAsStrings = /* @__PURE__ */ Symbol.for("_kKeysAsStrings"), MapRow = class {
  constructor(slice) {
    return this[kKeys] = new Vector([slice.children[0]]).memoize(), this[kVals] = slice.children[1], new Proxy(this, new MapRowProxyHandler());
  }
  /** @ignore */
  get [kKeysAsStrings]() {
    return this[_kKeysAsStrings] || (this[_kKeysAsStrings] = Array.from(this[kKeys].toArray(), String));
  }
  [Symbol.iterator]() {
    return new MapRowIterator(this[kKeys], this[kVals]);
  }
  get size() {
    return this[kKeys].length;
  }
  toArray() {
    return Object.values(this.toJSON());
  }
  toJSON() {
    let keys = this[kKeys], vals = this[kVals], json = {};
    for (let i = -1, n = keys.length; ++i < n; )
      json[keys.get(i)] = instance2.visit(vals, i);
    return json;
  }
  toString() {
    return `{${[...this].map(([key, val]) => `${valueToString(key)}: ${valueToString(val)}`).join(", ")}}`;
  }
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toString();
  }
}, MapRowIterator = class {
  constructor(keys, vals) {
    this.keys = keys, this.vals = vals, this.keyIndex = 0, this.numKeys = keys.length;
  }
  [Symbol.iterator]() {
    return this;
  }
  next() {
    let i = this.keyIndex;
    return i === this.numKeys ? { done: !0, value: null } : (this.keyIndex++, {
      done: !1,
      value: [
        this.keys.get(i),
        instance2.visit(this.vals, i)
      ]
    });
  }
}, MapRowProxyHandler = class {
  isExtensible() {
    return !1;
  }
  deleteProperty() {
    return !1;
  }
  preventExtensions() {
    return !0;
  }
  ownKeys(row) {
    return row[kKeysAsStrings];
  }
  has(row, key) {
    return row[kKeysAsStrings].includes(key);
  }
  getOwnPropertyDescriptor(row, key) {
    if (row[kKeysAsStrings].indexOf(key) !== -1)
      return { writable: !0, enumerable: !0, configurable: !0 };
  }
  get(row, key) {
    if (Reflect.has(row, key))
      return row[key];
    let idx = row[kKeysAsStrings].indexOf(key);
    if (idx !== -1) {
      let val = instance2.visit(Reflect.get(row, kVals), idx);
      return Reflect.set(row, key, val), val;
    }
  }
  set(row, key, val) {
    let idx = row[kKeysAsStrings].indexOf(key);
    return idx !== -1 ? (instance.visit(Reflect.get(row, kVals), idx, val), Reflect.set(row, key, val)) : Reflect.has(row, key) ? Reflect.set(row, key, val) : !1;
  }
};
Object.defineProperties(MapRow.prototype, {
  [Symbol.toStringTag]: { enumerable: !1, configurable: !1, value: "Row" },
  [kKeys]: { writable: !0, enumerable: !1, configurable: !1, value: null },
  [kVals]: { writable: !0, enumerable: !1, configurable: !1, value: null },
  [_kKeysAsStrings]: { writable: !0, enumerable: !1, configurable: !1, value: null }
});

// node_modules/apache-arrow/util/vector.mjs
var tmp;
function clampRange(source, begin, end, then) {
  let { length: len = 0 } = source, lhs = typeof begin != "number" ? 0 : begin, rhs = typeof end != "number" ? len : end;
  return lhs < 0 && (lhs = (lhs % len + len) % len), rhs < 0 && (rhs = (rhs % len + len) % len), rhs < lhs && (tmp = lhs, lhs = rhs, rhs = tmp), rhs > len && (rhs = len), then ? then(source, lhs, rhs) : [lhs, rhs];
}
var wrapIndex = (index, len) => index < 0 ? len + index : index, isNaNFast = (value) => value !== value;
function createElementComparator(search) {
  if (typeof search !== "object" || search === null)
    return isNaNFast(search) ? isNaNFast : (value) => value === search;
  if (search instanceof Date) {
    let valueOfSearch = search.valueOf();
    return (value) => value instanceof Date ? value.valueOf() === valueOfSearch : !1;
  }
  return ArrayBuffer.isView(search) ? (value) => value ? compareArrayLike(search, value) : !1 : search instanceof Map ? createMapComparator(search) : Array.isArray(search) ? createArrayLikeComparator(search) : search instanceof Vector ? createVectorComparator(search) : createObjectComparator(search, !0);
}
function createArrayLikeComparator(lhs) {
  let comparators = [];
  for (let i = -1, n = lhs.length; ++i < n; )
    comparators[i] = createElementComparator(lhs[i]);
  return createSubElementsComparator(comparators);
}
function createMapComparator(lhs) {
  let i = -1, comparators = [];
  for (let v of lhs.values())
    comparators[++i] = createElementComparator(v);
  return createSubElementsComparator(comparators);
}
function createVectorComparator(lhs) {
  let comparators = [];
  for (let i = -1, n = lhs.length; ++i < n; )
    comparators[i] = createElementComparator(lhs.get(i));
  return createSubElementsComparator(comparators);
}
function createObjectComparator(lhs, allowEmpty = !1) {
  let keys = Object.keys(lhs);
  if (!allowEmpty && keys.length === 0)
    return () => !1;
  let comparators = [];
  for (let i = -1, n = keys.length; ++i < n; )
    comparators[i] = createElementComparator(lhs[keys[i]]);
  return createSubElementsComparator(comparators, keys);
}
function createSubElementsComparator(comparators, keys) {
  return (rhs) => {
    if (!rhs || typeof rhs != "object")
      return !1;
    switch (rhs.constructor) {
      case Array:
        return compareArray(comparators, rhs);
      case Map:
        return compareObject(comparators, rhs, rhs.keys());
      case MapRow:
      case StructRow:
      case Object:
      case void 0:
        return compareObject(comparators, rhs, keys || Object.keys(rhs));
    }
    return rhs instanceof Vector ? compareVector(comparators, rhs) : !1;
  };
}
function compareArray(comparators, arr) {
  let n = comparators.length;
  if (arr.length !== n)
    return !1;
  for (let i = -1; ++i < n; )
    if (!comparators[i](arr[i]))
      return !1;
  return !0;
}
function compareVector(comparators, vec) {
  let n = comparators.length;
  if (vec.length !== n)
    return !1;
  for (let i = -1; ++i < n; )
    if (!comparators[i](vec.get(i)))
      return !1;
  return !0;
}
function compareObject(comparators, obj, keys) {
  let lKeyItr = keys[Symbol.iterator](), rKeyItr = obj instanceof Map ? obj.keys() : Object.keys(obj)[Symbol.iterator](), rValItr = obj instanceof Map ? obj.values() : Object.values(obj)[Symbol.iterator](), i = 0, n = comparators.length, rVal = rValItr.next(), lKey = lKeyItr.next(), rKey = rKeyItr.next();
  for (; i < n && !lKey.done && !rKey.done && !rVal.done && !(lKey.value !== rKey.value || !comparators[i](rVal.value)); ++i, lKey = lKeyItr.next(), rKey = rKeyItr.next(), rVal = rValItr.next())
    ;
  return i === n && lKey.done && rKey.done && rVal.done ? !0 : (lKeyItr.return && lKeyItr.return(), rKeyItr.return && rKeyItr.return(), rValItr.return && rValItr.return(), !1);
}

// node_modules/apache-arrow/util/bit.mjs
var bit_exports = {};
__export(bit_exports, {
  BitIterator: () => BitIterator,
  getBit: () => getBit,
  getBool: () => getBool2,
  packBools: () => packBools,
  popcnt_array: () => popcnt_array,
  popcnt_bit_range: () => popcnt_bit_range,
  popcnt_uint32: () => popcnt_uint32,
  setBool: () => setBool2,
  truncateBitmap: () => truncateBitmap
});
function getBool2(_data, _index, byte, bit) {
  return (byte & 1 << bit) !== 0;
}
function getBit(_data, _index, byte, bit) {
  return (byte & 1 << bit) >> bit;
}
function setBool2(bytes, index, value) {
  return value ? !!(bytes[index >> 3] |= 1 << index % 8) || !0 : !(bytes[index >> 3] &= ~(1 << index % 8)) && !1;
}
function truncateBitmap(offset, length, bitmap) {
  let alignedSize = bitmap.byteLength + 7 & -8;
  if (offset > 0 || bitmap.byteLength < alignedSize) {
    let bytes = new Uint8Array(alignedSize);
    return bytes.set(offset % 8 === 0 ? bitmap.subarray(offset >> 3) : (
      // Otherwise iterate each bit from the offset and return a new one
      packBools(new BitIterator(bitmap, offset, length, null, getBool2)).subarray(0, alignedSize)
    )), bytes;
  }
  return bitmap;
}
function packBools(values) {
  let xs = [], i = 0, bit = 0, byte = 0;
  for (let value of values)
    value && (byte |= 1 << bit), ++bit === 8 && (xs[i++] = byte, byte = bit = 0);
  (i === 0 || bit > 0) && (xs[i++] = byte);
  let b = new Uint8Array(xs.length + 7 & -8);
  return b.set(xs), b;
}
var BitIterator = class {
  constructor(bytes, begin, length, context, get) {
    this.bytes = bytes, this.length = length, this.context = context, this.get = get, this.bit = begin % 8, this.byteIndex = begin >> 3, this.byte = bytes[this.byteIndex++], this.index = 0;
  }
  next() {
    return this.index < this.length ? (this.bit === 8 && (this.bit = 0, this.byte = this.bytes[this.byteIndex++]), {
      value: this.get(this.context, this.index++, this.byte, this.bit++)
    }) : { done: !0, value: null };
  }
  [Symbol.iterator]() {
    return this;
  }
};
function popcnt_bit_range(data, lhs, rhs) {
  if (rhs - lhs <= 0)
    return 0;
  if (rhs - lhs < 8) {
    let sum = 0;
    for (let bit of new BitIterator(data, lhs, rhs - lhs, data, getBit))
      sum += bit;
    return sum;
  }
  let rhsInside = rhs >> 3 << 3, lhsInside = lhs + (lhs % 8 === 0 ? 0 : 8 - lhs % 8);
  return (
    // Get the popcnt of bits between the left hand side, and the next highest multiple of 8
    popcnt_bit_range(data, lhs, lhsInside) + // Get the popcnt of bits between the right hand side, and the next lowest multiple of 8
    popcnt_bit_range(data, rhsInside, rhs) + // Get the popcnt of all bits between the left and right hand sides' multiples of 8
    popcnt_array(data, lhsInside >> 3, rhsInside - lhsInside >> 3)
  );
}
function popcnt_array(arr, byteOffset, byteLength) {
  let cnt = 0, pos = Math.trunc(byteOffset), view = new DataView(arr.buffer, arr.byteOffset, arr.byteLength), len = byteLength === void 0 ? arr.byteLength : pos + byteLength;
  for (; len - pos >= 4; )
    cnt += popcnt_uint32(view.getUint32(pos)), pos += 4;
  for (; len - pos >= 2; )
    cnt += popcnt_uint32(view.getUint16(pos)), pos += 2;
  for (; len - pos >= 1; )
    cnt += popcnt_uint32(view.getUint8(pos)), pos += 1;
  return cnt;
}
function popcnt_uint32(uint32) {
  let i = Math.trunc(uint32);
  return i = i - (i >>> 1 & 1431655765), i = (i & 858993459) + (i >>> 2 & 858993459), (i + (i >>> 4) & 252645135) * 16843009 >>> 24;
}

// node_modules/apache-arrow/data.mjs
var kUnknownNullCount = -1, kDataSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/Data"), Data = class _Data {
  /**
   * Check if an object is an instance of Data.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isData(x) {
    return x?.[kDataSymbol] === !0;
  }
  get typeId() {
    return this.type.typeId;
  }
  get ArrayType() {
    return this.type.ArrayType;
  }
  get buffers() {
    return [this.valueOffsets, this.values, this.nullBitmap, this.typeIds];
  }
  get nullable() {
    if (this._nullCount !== 0) {
      let { type } = this;
      return DataType.isSparseUnion(type) ? this.children.some((child) => child.nullable) : DataType.isDenseUnion(type) ? this.children.some((child) => child.nullable) : this.nullBitmap && this.nullBitmap.byteLength > 0;
    }
    return !0;
  }
  get byteLength() {
    let byteLength = 0, { valueOffsets, values, nullBitmap, typeIds } = this;
    return valueOffsets && (byteLength += valueOffsets.byteLength), values && (byteLength += values.byteLength), nullBitmap && (byteLength += nullBitmap.byteLength), typeIds && (byteLength += typeIds.byteLength), byteLength += this.variadicBuffers.reduce((size, data) => {
      var _a5;
      return size + ((_a5 = data?.byteLength) !== null && _a5 !== void 0 ? _a5 : 0);
    }, 0), this.children.reduce((byteLength2, child) => byteLength2 + child.byteLength, byteLength);
  }
  get nullCount() {
    if (DataType.isUnion(this.type))
      return this.children.reduce((nullCount2, child) => nullCount2 + child.nullCount, 0);
    let nullCount = this._nullCount, nullBitmap;
    return nullCount <= kUnknownNullCount && (nullBitmap = this.nullBitmap) && (this._nullCount = nullCount = nullBitmap.length === 0 ? (
      // no null bitmap, so all values are valid
      0
    ) : this.length - popcnt_bit_range(nullBitmap, this.offset, this.offset + this.length)), nullCount;
  }
  constructor(type, offset, length, nullCount, buffers, children = [], dictionary, variadicBuffers = []) {
    var _a5;
    this.type = type, this.children = children, this.dictionary = dictionary, this.offset = Math.floor(Math.max(offset || 0, 0)), this.length = Math.floor(Math.max(length || 0, 0)), this._nullCount = Math.floor(Math.max(nullCount || 0, -1));
    let buffer;
    buffers instanceof _Data ? (this.stride = buffers.stride, this.values = buffers.values, this.typeIds = buffers.typeIds, this.nullBitmap = buffers.nullBitmap, this.valueOffsets = buffers.valueOffsets, this.variadicBuffers = buffers.variadicBuffers) : (this.stride = strideForType(type), buffers && ((buffer = buffers[0]) && (this.valueOffsets = buffer), (buffer = buffers[1]) && (this.values = buffer), (buffer = buffers[2]) && (this.nullBitmap = buffer), (buffer = buffers[3]) && (this.typeIds = buffer)), this.variadicBuffers = variadicBuffers), (_a5 = this.variadicBuffers) !== null && _a5 !== void 0 || (this.variadicBuffers = []);
  }
  getValid(index) {
    let { type } = this;
    if (DataType.isUnion(type)) {
      let union = type, typeId = this.typeIds[index], childIndex = union.typeIdToChildIndex[typeId], child = this.children[childIndex], valueOffsets = this.valueOffsets, indexInChild = union.mode === UnionMode.Dense && valueOffsets ? Number(valueOffsets[index]) : index;
      return child.getValid(indexInChild);
    }
    if (this.nullable && this.nullCount > 0) {
      let pos = this.offset + index;
      return (this.nullBitmap[pos >> 3] & 1 << pos % 8) !== 0;
    }
    return !0;
  }
  setValid(index, value) {
    let prev, { type } = this;
    if (DataType.isUnion(type)) {
      let union = type, typeId = this.typeIds[index], childIndex = union.typeIdToChildIndex[typeId], child = this.children[childIndex], valueOffsets = this.valueOffsets, indexInChild = union.mode === UnionMode.Dense && valueOffsets ? Number(valueOffsets[index]) : index;
      prev = child.getValid(indexInChild), child.setValid(indexInChild, value);
    } else {
      let { nullBitmap } = this, { offset, length } = this, idx = offset + index, mask = 1 << idx % 8, byteOffset = idx >> 3;
      (!nullBitmap || nullBitmap.byteLength <= byteOffset) && (nullBitmap = new Uint8Array((offset + length + 63 & -64) >> 3).fill(255), this.nullCount > 0 ? (nullBitmap.set(truncateBitmap(offset, length, this.nullBitmap), 0), Object.assign(this, { nullBitmap })) : Object.assign(this, { nullBitmap, _nullCount: 0 }));
      let byte = nullBitmap[byteOffset];
      prev = (byte & mask) !== 0, nullBitmap[byteOffset] = value ? byte | mask : byte & ~mask;
    }
    return prev !== !!value && (this._nullCount = this.nullCount + (value ? -1 : 1)), value;
  }
  clone(type = this.type, offset = this.offset, length = this.length, nullCount = this._nullCount, buffers = this, children = this.children, variadicBuffers = this.variadicBuffers) {
    return new _Data(type, offset, length, nullCount, buffers, children, this.dictionary, variadicBuffers);
  }
  slice(offset, length) {
    let { stride, typeId, children } = this, nullCount = +(this._nullCount === 0) - 1, childStride = typeId === 16 ? stride : 1, buffers = this._sliceBuffers(offset, length, stride, typeId);
    return this.clone(
      this.type,
      this.offset + offset,
      length,
      nullCount,
      buffers,
      // Don't slice children if we have value offsets (the variable-width types)
      children.length === 0 || this.valueOffsets ? children : this._sliceChildren(children, childStride * offset, childStride * length),
      this.variadicBuffers
    );
  }
  _changeLengthAndBackfillNullBitmap(newLength) {
    if (this.typeId === Type2.Null)
      return this.clone(this.type, 0, newLength, 0, this.buffers, this.children, this.variadicBuffers);
    let { length, nullCount } = this, bitmap = new Uint8Array((newLength + 63 & -64) >> 3).fill(255, 0, length >> 3);
    bitmap[length >> 3] = (1 << length - (length & -8)) - 1, nullCount > 0 && bitmap.set(truncateBitmap(this.offset, length, this.nullBitmap), 0);
    let buffers = this.buffers;
    return buffers[BufferType.VALIDITY] = bitmap, this.clone(this.type, 0, newLength, nullCount + (newLength - length), buffers, this.children, this.variadicBuffers);
  }
  _sliceBuffers(offset, length, stride, typeId) {
    let arr, { buffers } = this;
    if ((arr = buffers[BufferType.TYPE]) && (buffers[BufferType.TYPE] = arr.subarray(offset, offset + length)), DataType.isBinaryView(this.type) || DataType.isUtf8View(this.type)) {
      let width = BinaryView2.ELEMENT_WIDTH;
      (arr = buffers[BufferType.DATA]) && (buffers[BufferType.DATA] = arr.subarray(offset * width, (offset + length) * width));
    } else
      (arr = buffers[BufferType.OFFSET]) && (buffers[BufferType.OFFSET] = arr.subarray(offset, offset + length + 1)) || // Otherwise if no offsets, slice the data buffer. Don't slice the data vector for Booleans, since the offset goes by bits not bytes
      (arr = buffers[BufferType.DATA]) && (buffers[BufferType.DATA] = typeId === 6 ? arr : arr.subarray(stride * offset, stride * (offset + length)));
    return buffers;
  }
  _sliceChildren(children, offset, length) {
    return children.map((child) => child.slice(offset, length));
  }
};
Data.prototype.children = Object.freeze([]);
Data.prototype[kDataSymbol] = !0;
Object.defineProperty(Data, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === Data && Data.isData(instance8);
  }
});
var MakeDataVisitor = class _MakeDataVisitor extends Visitor {
  visit(props) {
    return this.getVisitFn(props.type).call(this, props);
  }
  visitNull(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["length"]: length = 0 } = props;
    return new Data(type, offset, length, length);
  }
  visitBool(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length >> 3, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitInt(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitFloat(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitUtf8(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, data = toUint8Array(props.data), nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toInt32Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, data, nullBitmap]);
  }
  visitUtf8View(props) {
    var _a5;
    let { ["type"]: type, ["offset"]: offset = 0 } = props, views = toArrayBufferView(type.ArrayType, props.views), nullBitmap = toUint8Array(props.nullBitmap), variadicBuffers = (props.variadicBuffers || []).map((buffer) => toUint8Array(buffer)), length = (_a5 = props.length) !== null && _a5 !== void 0 ? _a5 : Math.trunc(views.length / Utf8View2.ELEMENT_WIDTH), nullCount = props.nullBitmap ? -1 : 0;
    return new Data(type, offset, length, nullCount, [void 0, views, nullBitmap], [], void 0, variadicBuffers);
  }
  visitLargeUtf8(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, data = toUint8Array(props.data), nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toBigInt64Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, data, nullBitmap]);
  }
  visitBinary(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, data = toUint8Array(props.data), nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toInt32Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, data, nullBitmap]);
  }
  visitBinaryView(props) {
    var _a5;
    let { ["type"]: type, ["offset"]: offset = 0 } = props, views = toArrayBufferView(type.ArrayType, props.views), nullBitmap = toUint8Array(props.nullBitmap), variadicBuffers = (props.variadicBuffers || []).map((buffer) => toUint8Array(buffer)), length = (_a5 = props.length) !== null && _a5 !== void 0 ? _a5 : Math.trunc(views.length / BinaryView2.ELEMENT_WIDTH), nullCount = props.nullBitmap ? -1 : 0;
    return new Data(type, offset, length, nullCount, [void 0, views, nullBitmap], [], void 0, variadicBuffers);
  }
  visitLargeBinary(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, data = toUint8Array(props.data), nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toBigInt64Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, data, nullBitmap]);
  }
  visitFixedSizeBinary(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitDate(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitTimestamp(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitTime(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitDecimal(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitList(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["child"]: child } = props, nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toInt32Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, void 0, nullBitmap], [child]);
  }
  visitLargeList(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["child"]: child } = props, nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toBigInt64Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, void 0, nullBitmap], [child]);
  }
  visitStruct(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["children"]: children = [] } = props, nullBitmap = toUint8Array(props.nullBitmap), { length = children.reduce((len, { length: length2 }) => Math.max(len, length2), 0), nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, void 0, nullBitmap], children);
  }
  visitUnion(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["children"]: children = [] } = props, typeIds = toArrayBufferView(type.ArrayType, props.typeIds), { ["length"]: length = typeIds.length, ["nullCount"]: nullCount = -1 } = props;
    if (DataType.isSparseUnion(type))
      return new Data(type, offset, length, nullCount, [void 0, void 0, void 0, typeIds], children);
    let valueOffsets = toInt32Array(props.valueOffsets);
    return new Data(type, offset, length, nullCount, [valueOffsets, void 0, void 0, typeIds], children);
  }
  visitDictionary(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.indices.ArrayType, props.data), { ["dictionary"]: dictionary = new Vector([new _MakeDataVisitor().visit({ type: type.dictionary })]) } = props, { ["length"]: length = data.length, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap], [], dictionary);
  }
  visitInterval(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitDuration(props) {
    let { ["type"]: type, ["offset"]: offset = 0 } = props, nullBitmap = toUint8Array(props.nullBitmap), data = toArrayBufferView(type.ArrayType, props.data), { ["length"]: length = data.length, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, data, nullBitmap]);
  }
  visitFixedSizeList(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["child"]: child = new _MakeDataVisitor().visit({ type: type.valueType }) } = props, nullBitmap = toUint8Array(props.nullBitmap), { ["length"]: length = child.length / strideForType(type), ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [void 0, void 0, nullBitmap], [child]);
  }
  visitMap(props) {
    let { ["type"]: type, ["offset"]: offset = 0, ["child"]: child = new _MakeDataVisitor().visit({ type: type.childType }) } = props, nullBitmap = toUint8Array(props.nullBitmap), valueOffsets = toInt32Array(props.valueOffsets), { ["length"]: length = valueOffsets.length - 1, ["nullCount"]: nullCount = props.nullBitmap ? -1 : 0 } = props;
    return new Data(type, offset, length, nullCount, [valueOffsets, void 0, nullBitmap], [child]);
  }
}, makeDataVisitor = new MakeDataVisitor();
function makeData(props) {
  return makeDataVisitor.visit(props);
}

// node_modules/apache-arrow/util/chunk.mjs
var ChunkedIterator = class {
  constructor(numChunks = 0, getChunkIterator) {
    this.numChunks = numChunks, this.getChunkIterator = getChunkIterator, this.chunkIndex = 0, this.chunkIterator = this.getChunkIterator(0);
  }
  next() {
    for (; this.chunkIndex < this.numChunks; ) {
      let next = this.chunkIterator.next();
      if (!next.done)
        return next;
      ++this.chunkIndex < this.numChunks && (this.chunkIterator = this.getChunkIterator(this.chunkIndex));
    }
    return { done: !0, value: null };
  }
  [Symbol.iterator]() {
    return this;
  }
};
function computeChunkNullable(chunks) {
  return chunks.some((chunk) => chunk.nullable);
}
function computeChunkNullCounts(chunks) {
  return chunks.reduce((nullCount, chunk) => nullCount + chunk.nullCount, 0);
}
function computeChunkOffsets(chunks) {
  return chunks.reduce((offsets, chunk, index) => (offsets[index + 1] = offsets[index] + chunk.length, offsets), new Uint32Array(chunks.length + 1));
}
function sliceChunks(chunks, offsets, begin, end) {
  let slices = [];
  for (let i = -1, n = chunks.length; ++i < n; ) {
    let chunk = chunks[i], offset = offsets[i], { length } = chunk;
    if (offset >= end)
      break;
    if (begin >= offset + length)
      continue;
    if (offset >= begin && offset + length <= end) {
      slices.push(chunk);
      continue;
    }
    let from = Math.max(0, begin - offset), to = Math.min(end - offset, length);
    slices.push(chunk.slice(from, to - from));
  }
  return slices.length === 0 && slices.push(chunks[0].slice(0, 0)), slices;
}
function binarySearch(chunks, offsets, idx, fn) {
  let lhs = 0, mid = 0, rhs = offsets.length - 1;
  do {
    if (lhs >= rhs - 1)
      return idx < offsets[rhs] ? fn(chunks, lhs, idx - offsets[lhs]) : null;
    mid = lhs + Math.trunc((rhs - lhs) * 0.5), idx < offsets[mid] ? rhs = mid : lhs = mid;
  } while (lhs < rhs);
}
function isChunkedValid(data, index) {
  return data.getValid(index);
}
function wrapChunkedCall1(fn) {
  function chunkedFn(chunks, i, j) {
    return fn(chunks[i], j);
  }
  return function(index) {
    let data = this.data;
    return binarySearch(data, this._offsets, index, chunkedFn);
  };
}
function wrapChunkedCall2(fn) {
  let _2;
  function chunkedFn(chunks, i, j) {
    return fn(chunks[i], j, _2);
  }
  return function(index, value) {
    let data = this.data;
    _2 = value;
    let result = binarySearch(data, this._offsets, index, chunkedFn);
    return _2 = void 0, result;
  };
}
function wrapChunkedIndexOf(indexOf) {
  let _1;
  function chunkedIndexOf(data, chunkIndex, fromIndex) {
    let begin = fromIndex, index = 0, total = 0;
    for (let i = chunkIndex - 1, n = data.length; ++i < n; ) {
      let chunk = data[i];
      if (~(index = indexOf(chunk, _1, begin)))
        return total + index;
      begin = 0, total += chunk.length;
    }
    return -1;
  }
  return function(element, offset) {
    _1 = element;
    let data = this.data, result = typeof offset != "number" ? chunkedIndexOf(data, 0, 0) : binarySearch(data, this._offsets, offset, chunkedIndexOf);
    return _1 = void 0, result;
  };
}

// node_modules/apache-arrow/visitor/indexof.mjs
var IndexOfVisitor = class extends Visitor {
};
function nullIndexOf(data, searchElement) {
  return searchElement === null && data.length > 0 ? 0 : -1;
}
function indexOfNull(data, fromIndex) {
  let { nullBitmap } = data;
  if (!nullBitmap || data.nullCount <= 0)
    return -1;
  let i = 0;
  for (let isValid of new BitIterator(nullBitmap, data.offset + (fromIndex || 0), data.length, nullBitmap, getBool2)) {
    if (!isValid)
      return i;
    ++i;
  }
  return -1;
}
function indexOfValue(data, searchElement, fromIndex) {
  if (searchElement === void 0)
    return -1;
  if (searchElement === null)
    switch (data.typeId) {
      // Unions don't have a nullBitmap of its own, so compare the `searchElement` to `get()`.
      case Type2.Union:
        break;
      // Dictionaries do have a nullBitmap, but their dictionary could also have null elements.
      case Type2.Dictionary:
        break;
      // All other types can iterate the null bitmap
      default:
        return indexOfNull(data, fromIndex);
    }
  let get = instance2.getVisitFn(data), compare = createElementComparator(searchElement);
  for (let i = (fromIndex || 0) - 1, n = data.length; ++i < n; )
    if (compare(get(data, i)))
      return i;
  return -1;
}
function indexOfUnion(data, searchElement, fromIndex) {
  let get = instance2.getVisitFn(data), compare = createElementComparator(searchElement);
  for (let i = (fromIndex || 0) - 1, n = data.length; ++i < n; )
    if (compare(get(data, i)))
      return i;
  return -1;
}
IndexOfVisitor.prototype.visitNull = nullIndexOf;
IndexOfVisitor.prototype.visitBool = indexOfValue;
IndexOfVisitor.prototype.visitInt = indexOfValue;
IndexOfVisitor.prototype.visitInt8 = indexOfValue;
IndexOfVisitor.prototype.visitInt16 = indexOfValue;
IndexOfVisitor.prototype.visitInt32 = indexOfValue;
IndexOfVisitor.prototype.visitInt64 = indexOfValue;
IndexOfVisitor.prototype.visitUint8 = indexOfValue;
IndexOfVisitor.prototype.visitUint16 = indexOfValue;
IndexOfVisitor.prototype.visitUint32 = indexOfValue;
IndexOfVisitor.prototype.visitUint64 = indexOfValue;
IndexOfVisitor.prototype.visitFloat = indexOfValue;
IndexOfVisitor.prototype.visitFloat16 = indexOfValue;
IndexOfVisitor.prototype.visitFloat32 = indexOfValue;
IndexOfVisitor.prototype.visitFloat64 = indexOfValue;
IndexOfVisitor.prototype.visitUtf8 = indexOfValue;
IndexOfVisitor.prototype.visitLargeUtf8 = indexOfValue;
IndexOfVisitor.prototype.visitUtf8View = indexOfValue;
IndexOfVisitor.prototype.visitBinary = indexOfValue;
IndexOfVisitor.prototype.visitLargeBinary = indexOfValue;
IndexOfVisitor.prototype.visitBinaryView = indexOfValue;
IndexOfVisitor.prototype.visitFixedSizeBinary = indexOfValue;
IndexOfVisitor.prototype.visitDate = indexOfValue;
IndexOfVisitor.prototype.visitDateDay = indexOfValue;
IndexOfVisitor.prototype.visitDateMillisecond = indexOfValue;
IndexOfVisitor.prototype.visitTimestamp = indexOfValue;
IndexOfVisitor.prototype.visitTimestampSecond = indexOfValue;
IndexOfVisitor.prototype.visitTimestampMillisecond = indexOfValue;
IndexOfVisitor.prototype.visitTimestampMicrosecond = indexOfValue;
IndexOfVisitor.prototype.visitTimestampNanosecond = indexOfValue;
IndexOfVisitor.prototype.visitTime = indexOfValue;
IndexOfVisitor.prototype.visitTimeSecond = indexOfValue;
IndexOfVisitor.prototype.visitTimeMillisecond = indexOfValue;
IndexOfVisitor.prototype.visitTimeMicrosecond = indexOfValue;
IndexOfVisitor.prototype.visitTimeNanosecond = indexOfValue;
IndexOfVisitor.prototype.visitDecimal = indexOfValue;
IndexOfVisitor.prototype.visitList = indexOfValue;
IndexOfVisitor.prototype.visitLargeList = indexOfValue;
IndexOfVisitor.prototype.visitStruct = indexOfValue;
IndexOfVisitor.prototype.visitUnion = indexOfValue;
IndexOfVisitor.prototype.visitDenseUnion = indexOfUnion;
IndexOfVisitor.prototype.visitSparseUnion = indexOfUnion;
IndexOfVisitor.prototype.visitDictionary = indexOfValue;
IndexOfVisitor.prototype.visitInterval = indexOfValue;
IndexOfVisitor.prototype.visitIntervalDayTime = indexOfValue;
IndexOfVisitor.prototype.visitIntervalYearMonth = indexOfValue;
IndexOfVisitor.prototype.visitIntervalMonthDayNano = indexOfValue;
IndexOfVisitor.prototype.visitDuration = indexOfValue;
IndexOfVisitor.prototype.visitDurationSecond = indexOfValue;
IndexOfVisitor.prototype.visitDurationMillisecond = indexOfValue;
IndexOfVisitor.prototype.visitDurationMicrosecond = indexOfValue;
IndexOfVisitor.prototype.visitDurationNanosecond = indexOfValue;
IndexOfVisitor.prototype.visitFixedSizeList = indexOfValue;
IndexOfVisitor.prototype.visitMap = indexOfValue;
var instance3 = new IndexOfVisitor();

// node_modules/apache-arrow/visitor/iterator.mjs
var IteratorVisitor = class extends Visitor {
};
function vectorIterator(vector) {
  let { type } = vector;
  if (vector.nullCount === 0 && vector.stride === 1 && // Don't defer to native iterator for timestamps since Numbers are expected
  // (DataType.isTimestamp(type)) && type.unit === TimeUnit.MILLISECOND ||
  (DataType.isInt(type) && type.bitWidth !== 64 || DataType.isTime(type) && type.bitWidth !== 64 || DataType.isFloat(type) && type.precision !== Precision.HALF))
    return new ChunkedIterator(vector.data.length, (chunkIndex) => {
      let data = vector.data[chunkIndex];
      return data.values.subarray(0, data.length)[Symbol.iterator]();
    });
  let offset = 0;
  return new ChunkedIterator(vector.data.length, (chunkIndex) => {
    let length = vector.data[chunkIndex].length, inner = vector.slice(offset, offset + length);
    return offset += length, new VectorIterator(inner);
  });
}
var VectorIterator = class {
  constructor(vector) {
    this.vector = vector, this.index = 0;
  }
  next() {
    return this.index < this.vector.length ? {
      value: this.vector.get(this.index++)
    } : { done: !0, value: null };
  }
  [Symbol.iterator]() {
    return this;
  }
};
IteratorVisitor.prototype.visitNull = vectorIterator;
IteratorVisitor.prototype.visitBool = vectorIterator;
IteratorVisitor.prototype.visitInt = vectorIterator;
IteratorVisitor.prototype.visitInt8 = vectorIterator;
IteratorVisitor.prototype.visitInt16 = vectorIterator;
IteratorVisitor.prototype.visitInt32 = vectorIterator;
IteratorVisitor.prototype.visitInt64 = vectorIterator;
IteratorVisitor.prototype.visitUint8 = vectorIterator;
IteratorVisitor.prototype.visitUint16 = vectorIterator;
IteratorVisitor.prototype.visitUint32 = vectorIterator;
IteratorVisitor.prototype.visitUint64 = vectorIterator;
IteratorVisitor.prototype.visitFloat = vectorIterator;
IteratorVisitor.prototype.visitFloat16 = vectorIterator;
IteratorVisitor.prototype.visitFloat32 = vectorIterator;
IteratorVisitor.prototype.visitFloat64 = vectorIterator;
IteratorVisitor.prototype.visitUtf8 = vectorIterator;
IteratorVisitor.prototype.visitLargeUtf8 = vectorIterator;
IteratorVisitor.prototype.visitUtf8View = vectorIterator;
IteratorVisitor.prototype.visitBinary = vectorIterator;
IteratorVisitor.prototype.visitLargeBinary = vectorIterator;
IteratorVisitor.prototype.visitBinaryView = vectorIterator;
IteratorVisitor.prototype.visitFixedSizeBinary = vectorIterator;
IteratorVisitor.prototype.visitDate = vectorIterator;
IteratorVisitor.prototype.visitDateDay = vectorIterator;
IteratorVisitor.prototype.visitDateMillisecond = vectorIterator;
IteratorVisitor.prototype.visitTimestamp = vectorIterator;
IteratorVisitor.prototype.visitTimestampSecond = vectorIterator;
IteratorVisitor.prototype.visitTimestampMillisecond = vectorIterator;
IteratorVisitor.prototype.visitTimestampMicrosecond = vectorIterator;
IteratorVisitor.prototype.visitTimestampNanosecond = vectorIterator;
IteratorVisitor.prototype.visitTime = vectorIterator;
IteratorVisitor.prototype.visitTimeSecond = vectorIterator;
IteratorVisitor.prototype.visitTimeMillisecond = vectorIterator;
IteratorVisitor.prototype.visitTimeMicrosecond = vectorIterator;
IteratorVisitor.prototype.visitTimeNanosecond = vectorIterator;
IteratorVisitor.prototype.visitDecimal = vectorIterator;
IteratorVisitor.prototype.visitList = vectorIterator;
IteratorVisitor.prototype.visitLargeList = vectorIterator;
IteratorVisitor.prototype.visitStruct = vectorIterator;
IteratorVisitor.prototype.visitUnion = vectorIterator;
IteratorVisitor.prototype.visitDenseUnion = vectorIterator;
IteratorVisitor.prototype.visitSparseUnion = vectorIterator;
IteratorVisitor.prototype.visitDictionary = vectorIterator;
IteratorVisitor.prototype.visitInterval = vectorIterator;
IteratorVisitor.prototype.visitIntervalDayTime = vectorIterator;
IteratorVisitor.prototype.visitIntervalYearMonth = vectorIterator;
IteratorVisitor.prototype.visitIntervalMonthDayNano = vectorIterator;
IteratorVisitor.prototype.visitDuration = vectorIterator;
IteratorVisitor.prototype.visitDurationSecond = vectorIterator;
IteratorVisitor.prototype.visitDurationMillisecond = vectorIterator;
IteratorVisitor.prototype.visitDurationMicrosecond = vectorIterator;
IteratorVisitor.prototype.visitDurationNanosecond = vectorIterator;
IteratorVisitor.prototype.visitFixedSizeList = vectorIterator;
IteratorVisitor.prototype.visitMap = vectorIterator;
var instance4 = new IteratorVisitor();

// node_modules/apache-arrow/vector.mjs
var _a2, kVectorSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/Vector"), visitorsByTypeId = {}, vectorPrototypesByTypeId = {}, Vector = class _Vector {
  /**
   * Check if an object is an instance of Vector.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isVector(x) {
    return x?.[kVectorSymbol] === !0;
  }
  constructor(input) {
    var _b2, _c2, _d2;
    let data = input[0] instanceof _Vector ? input.flatMap((x) => x.data) : input;
    if (data.length === 0 || data.some((x) => !(x instanceof Data)))
      throw new TypeError("Vector constructor expects an Array of Data instances.");
    let type = (_b2 = data[0]) === null || _b2 === void 0 ? void 0 : _b2.type;
    switch (data.length) {
      case 0:
        this._offsets = [0];
        break;
      case 1: {
        let { get, set, indexOf } = visitorsByTypeId[type.typeId], unchunkedData = data[0];
        this.isValid = (index) => isChunkedValid(unchunkedData, index), this.get = (index) => get(unchunkedData, index), this.set = (index, value) => set(unchunkedData, index, value), this.indexOf = (index) => indexOf(unchunkedData, index), this._offsets = [0, unchunkedData.length];
        break;
      }
      default:
        Object.setPrototypeOf(this, vectorPrototypesByTypeId[type.typeId]), this._offsets = computeChunkOffsets(data);
        break;
    }
    this.data = data, this.type = type, this.stride = strideForType(type), this.numChildren = (_d2 = (_c2 = type.children) === null || _c2 === void 0 ? void 0 : _c2.length) !== null && _d2 !== void 0 ? _d2 : 0, this.length = this._offsets.at(-1);
  }
  /**
   * The aggregate size (in bytes) of this Vector's buffers and/or child Vectors.
   */
  get byteLength() {
    return this.data.reduce((byteLength, data) => byteLength + data.byteLength, 0);
  }
  /**
   * Whether this Vector's elements can contain null values.
   */
  get nullable() {
    return computeChunkNullable(this.data);
  }
  /**
   * The number of null elements in this Vector.
   */
  get nullCount() {
    return computeChunkNullCounts(this.data);
  }
  /**
   * The Array or TypedArray constructor used for the JS representation
   *  of the element's values in {@link Vector.prototype.toArray `toArray()`}.
   */
  get ArrayType() {
    return this.type.ArrayType;
  }
  /**
   * The name that should be printed when the Vector is logged in a message.
   */
  get [Symbol.toStringTag]() {
    return `${this.VectorName}<${this.type[Symbol.toStringTag]}>`;
  }
  /**
   * The name of this Vector.
   */
  get VectorName() {
    return `${Type2[this.type.typeId]}Vector`;
  }
  /**
   * Check whether an element is null.
   * @param index The index at which to read the validity bitmap.
   */
  // @ts-ignore
  isValid(index) {
    return !1;
  }
  /**
   * Get an element value by position.
   * @param index The index of the element to read.
   */
  // @ts-ignore
  get(index) {
    return null;
  }
  /**
   * Get an element value by position.
   * @param index The index of the element to read. A negative index will count back from the last element.
   */
  at(index) {
    return this.get(wrapIndex(index, this.length));
  }
  /**
   * Set an element value by position.
   * @param index The index of the element to write.
   * @param value The value to set.
   */
  // @ts-ignore
  set(index, value) {
  }
  /**
   * Retrieve the index of the first occurrence of a value in an Vector.
   * @param element The value to locate in the Vector.
   * @param offset The index at which to begin the search. If offset is omitted, the search starts at index 0.
   */
  // @ts-ignore
  indexOf(element, offset) {
    return -1;
  }
  includes(element, offset) {
    return this.indexOf(element, offset) > -1;
  }
  /**
   * Iterator for the Vector's elements.
   */
  [Symbol.iterator]() {
    return instance4.visit(this);
  }
  /**
   * Combines two or more Vectors of the same type.
   * @param others Additional Vectors to add to the end of this Vector.
   */
  concat(...others) {
    return new _Vector(this.data.concat(others.flatMap((x) => x.data).flat(Number.POSITIVE_INFINITY)));
  }
  /**
   * Return a zero-copy sub-section of this Vector.
   * @param start The beginning of the specified portion of the Vector.
   * @param end The end of the specified portion of the Vector. This is exclusive of the element at the index 'end'.
   */
  slice(begin, end) {
    return new _Vector(clampRange(this, begin, end, ({ data, _offsets }, begin2, end2) => sliceChunks(data, _offsets, begin2, end2)));
  }
  toJSON() {
    return [...this];
  }
  /**
   * Return a JavaScript Array or TypedArray of the Vector's elements.
   *
   * @note If this Vector contains a single Data chunk and the Vector's type is a
   *  primitive numeric type corresponding to one of the JavaScript TypedArrays, this
   *  method returns a zero-copy slice of the underlying TypedArray values. If there's
   *  more than one chunk, the resulting TypedArray will be a copy of the data from each
   *  chunk's underlying TypedArray values.
   *
   * @returns An Array or TypedArray of the Vector's elements, based on the Vector's DataType.
   */
  toArray() {
    let { type, data, length, stride, ArrayType } = this;
    switch (type.typeId) {
      case Type2.Int:
      case Type2.Float:
      case Type2.Decimal:
      case Type2.Time:
      case Type2.Timestamp:
        switch (data.length) {
          case 0:
            return new ArrayType();
          case 1:
            return data[0].values.subarray(0, length * stride);
          default:
            return data.reduce((memo, { values, length: chunk_length }) => (memo.array.set(values.subarray(0, chunk_length * stride), memo.offset), memo.offset += chunk_length * stride, memo), { array: new ArrayType(length * stride), offset: 0 }).array;
        }
    }
    return [...this];
  }
  /**
   * Returns a string representation of the Vector.
   *
   * @returns A string representation of the Vector.
   */
  toString() {
    return `[${[...this].join(",")}]`;
  }
  /**
   * Returns a child Vector by name, or null if this Vector has no child with the given name.
   * @param name The name of the child to retrieve.
   */
  getChild(name) {
    var _b2;
    return this.getChildAt((_b2 = this.type.children) === null || _b2 === void 0 ? void 0 : _b2.findIndex((f) => f.name === name));
  }
  /**
   * Returns a child Vector by index, or null if this Vector has no child at the supplied index.
   * @param index The index of the child to retrieve.
   */
  getChildAt(index) {
    return index > -1 && index < this.numChildren ? new _Vector(this.data.map(({ children }) => children[index])) : null;
  }
  get isMemoized() {
    return DataType.isDictionary(this.type) ? this.data[0].dictionary.isMemoized : !1;
  }
  /**
   * Adds memoization to the Vector's {@link get} method. For dictionary
   * vectors, this method return a vector that memoizes only the dictionary
   * values.
   *
   * Memoization is very useful when decoding a value is expensive such as
   * Utf8. The memoization creates a cache of the size of the Vector and
   * therefore increases memory usage.
   *
   * @returns A new vector that memoizes calls to {@link get}.
   */
  memoize() {
    if (DataType.isDictionary(this.type)) {
      let dictionary = new MemoizedVector(this.data[0].dictionary), newData = this.data.map((data) => {
        let cloned = data.clone();
        return cloned.dictionary = dictionary, cloned;
      });
      return new _Vector(newData);
    }
    return new MemoizedVector(this);
  }
  /**
   * Returns a vector without memoization of the {@link get} method. If this
   * vector is not memoized, this method returns this vector.
   *
   * @returns A new vector without memoization.
   */
  unmemoize() {
    if (DataType.isDictionary(this.type) && this.isMemoized) {
      let dictionary = this.data[0].dictionary.unmemoize(), newData = this.data.map((data) => {
        let newData2 = data.clone();
        return newData2.dictionary = dictionary, newData2;
      });
      return new _Vector(newData);
    }
    return this;
  }
};
_a2 = Symbol.toStringTag;
Vector[_a2] = ((proto) => {
  proto.type = DataType.prototype, proto.data = [], proto.length = 0, proto.stride = 1, proto.numChildren = 0, proto._offsets = new Uint32Array([0]), proto[Symbol.isConcatSpreadable] = !0, proto[kVectorSymbol] = !0;
  let typeIds = Object.keys(Type2).map((T) => Type2[T]).filter((T) => typeof T == "number" && T !== Type2.NONE);
  for (let typeId of typeIds) {
    let get = instance2.getVisitFnByTypeId(typeId), set = instance.getVisitFnByTypeId(typeId), indexOf = instance3.getVisitFnByTypeId(typeId);
    visitorsByTypeId[typeId] = { get, set, indexOf }, vectorPrototypesByTypeId[typeId] = Object.create(proto, {
      isValid: { value: wrapChunkedCall1(isChunkedValid) },
      get: { value: wrapChunkedCall1(instance2.getVisitFnByTypeId(typeId)) },
      set: { value: wrapChunkedCall2(instance.getVisitFnByTypeId(typeId)) },
      indexOf: { value: wrapChunkedIndexOf(instance3.getVisitFnByTypeId(typeId)) }
    });
  }
  return "Vector";
})(Vector.prototype);
Object.defineProperty(Vector, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === Vector && Vector.isVector(instance8);
  }
});
var MemoizedVector = class _MemoizedVector extends Vector {
  constructor(vector) {
    super(vector.data);
    let get = this.get, set = this.set, slice = this.slice, cache = new Array(this.length);
    Object.defineProperty(this, "get", {
      value(index) {
        let cachedValue = cache[index];
        if (cachedValue !== void 0)
          return cachedValue;
        let value = get.call(this, index);
        return cache[index] = value, value;
      }
    }), Object.defineProperty(this, "set", {
      value(index, value) {
        set.call(this, index, value), cache[index] = value;
      }
    }), Object.defineProperty(this, "slice", {
      value: (begin, end) => new _MemoizedVector(slice.call(this, begin, end))
    }), Object.defineProperty(this, "isMemoized", { value: !0 }), Object.defineProperty(this, "unmemoize", {
      value: () => new Vector(this.data)
    }), Object.defineProperty(this, "memoize", {
      value: () => this
    });
  }
};
function makeVector(init) {
  if (init) {
    if (init instanceof Data)
      return new Vector([init]);
    if (init instanceof Vector)
      return new Vector(init.data);
    if (init.type instanceof DataType)
      return new Vector([makeData(init)]);
    if (Array.isArray(init))
      return new Vector(init.flatMap((v) => unwrapInputs(v)));
    if (ArrayBuffer.isView(init)) {
      init instanceof DataView && (init = new Uint8Array(init.buffer));
      let props = { offset: 0, length: init.length, nullCount: -1, data: init };
      if (init instanceof Int8Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Int8() }))]);
      if (init instanceof Int16Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Int16() }))]);
      if (init instanceof Int32Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Int32() }))]);
      if (init instanceof BigInt64Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Int64() }))]);
      if (init instanceof Uint8Array || init instanceof Uint8ClampedArray)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Uint8() }))]);
      if (init instanceof Uint16Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Uint16() }))]);
      if (init instanceof Uint32Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Uint32() }))]);
      if (init instanceof BigUint64Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Uint64() }))]);
      if (init instanceof Float32Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Float32() }))]);
      if (init instanceof Float64Array)
        return new Vector([makeData(Object.assign(Object.assign({}, props), { type: new Float64() }))]);
      throw new Error("Unrecognized input");
    }
  }
  throw new Error("Unrecognized input");
}
function unwrapInputs(x) {
  return x instanceof Data ? [x] : x instanceof Vector ? x.data : makeVector(x).data;
}

// node_modules/apache-arrow/builder/valid.mjs
function createIsValidFunction(nullValues) {
  if (!nullValues || nullValues.length <= 0)
    return function(value) {
      return !0;
    };
  let fnBody = "", noNaNs = nullValues.filter((x) => x === x);
  return noNaNs.length > 0 && (fnBody = `
    switch (x) {${noNaNs.map((x) => `
        case ${valueToCase(x)}:`).join("")}
            return false;
    }`), nullValues.length !== noNaNs.length && (fnBody = `if (x !== x) return false;
${fnBody}`), new Function("x", `${fnBody}
return true;`);
}
function valueToCase(x) {
  return typeof x != "bigint" ? valueToString(x) : `${valueToString(x)}n`;
}

// node_modules/apache-arrow/builder/buffer.mjs
function roundLengthUpToNearest64Bytes(len, BPE) {
  let bytesMinus1 = Math.ceil(len) * BPE - 1;
  return (bytesMinus1 - bytesMinus1 % 64 + 64 || 64) / BPE;
}
function resizeArray(arr, len = 0) {
  return arr.length >= len ? arr.subarray(0, len) : memcpy(new arr.constructor(len), arr, 0);
}
var BufferBuilder = class {
  constructor(bufferType, initialSize = 0, stride = 1) {
    this.length = Math.ceil(initialSize / stride), this.buffer = new bufferType(this.length), this.stride = stride, this.BYTES_PER_ELEMENT = bufferType.BYTES_PER_ELEMENT, this.ArrayType = bufferType;
  }
  get byteLength() {
    return Math.ceil(this.length * this.stride) * this.BYTES_PER_ELEMENT;
  }
  get reservedLength() {
    return this.buffer.length / this.stride;
  }
  get reservedByteLength() {
    return this.buffer.byteLength;
  }
  // @ts-ignore
  set(index, value) {
    return this;
  }
  append(value) {
    return this.set(this.length, value);
  }
  reserve(extra) {
    if (extra > 0) {
      this.length += extra;
      let stride = this.stride, length = this.length * stride, reserved = this.buffer.length;
      length >= reserved && this._resize(reserved === 0 ? roundLengthUpToNearest64Bytes(length * 1, this.BYTES_PER_ELEMENT) : roundLengthUpToNearest64Bytes(length * 2, this.BYTES_PER_ELEMENT));
    }
    return this;
  }
  flush(length = this.length) {
    length = roundLengthUpToNearest64Bytes(length * this.stride, this.BYTES_PER_ELEMENT);
    let array = resizeArray(this.buffer, length);
    return this.clear(), array;
  }
  clear() {
    return this.length = 0, this.buffer = new this.ArrayType(), this;
  }
  _resize(newLength) {
    return this.buffer = resizeArray(this.buffer, newLength);
  }
}, DataBufferBuilder = class extends BufferBuilder {
  last() {
    return this.get(this.length - 1);
  }
  get(index) {
    return this.buffer[index];
  }
  set(index, value) {
    return this.reserve(index - this.length + 1), this.buffer[index * this.stride] = value, this;
  }
}, BitmapBufferBuilder = class extends DataBufferBuilder {
  constructor() {
    super(Uint8Array, 0, 1 / 8), this.numValid = 0;
  }
  get numInvalid() {
    return this.length - this.numValid;
  }
  get(idx) {
    return this.buffer[idx >> 3] >> idx % 8 & 1;
  }
  set(idx, val) {
    let { buffer } = this.reserve(idx - this.length + 1), byte = idx >> 3, bit = idx % 8, cur = buffer[byte] >> bit & 1;
    return val ? cur === 0 && (buffer[byte] |= 1 << bit, ++this.numValid) : cur === 1 && (buffer[byte] &= ~(1 << bit), --this.numValid), this;
  }
  clear() {
    return this.numValid = 0, super.clear();
  }
}, OffsetsBufferBuilder = class extends DataBufferBuilder {
  constructor(type) {
    super(type.OffsetArrayType, 1, 1);
  }
  append(value) {
    return this.set(this.length - 1, value);
  }
  set(index, value) {
    let offset = this.length - 1, buffer = this.reserve(index - offset + 1).buffer;
    return offset < index++ && offset >= 0 && buffer.fill(buffer[offset], offset, index), buffer[index] = buffer[index - 1] + value, this;
  }
  flush(length = this.length - 1) {
    return length > this.length && this.set(length - 1, this.BYTES_PER_ELEMENT > 4 ? BigInt(0) : 0), super.flush(length + 1);
  }
};

// node_modules/apache-arrow/builder.mjs
var Builder = class {
  /** @nocollapse */
  // @ts-ignore
  static throughNode(options) {
    throw new Error('"throughNode" not available in this environment');
  }
  /** @nocollapse */
  // @ts-ignore
  static throughDOM(options) {
    throw new Error('"throughDOM" not available in this environment');
  }
  /**
   * Construct a builder with the given Arrow DataType with optional null values,
   * which will be interpreted as "null" when set or appended to the `Builder`.
   * @param {{ type: T, nullValues?: any[] }} options A `BuilderOptions` object used to create this `Builder`.
   */
  constructor({ type, nullValues: nulls }) {
    this.length = 0, this.finished = !1, this.type = type, this.children = [], this.nullValues = nulls, this.stride = strideForType(type), this._nulls = new BitmapBufferBuilder(), nulls && nulls.length > 0 && (this._isValid = createIsValidFunction(nulls));
  }
  /**
   * Flush the `Builder` and return a `Vector<T>`.
   * @returns {Vector<T>} A `Vector<T>` of the flushed values.
   */
  toVector() {
    return new Vector([this.flush()]);
  }
  get ArrayType() {
    return this.type.ArrayType;
  }
  get nullCount() {
    return this._nulls.numInvalid;
  }
  get numChildren() {
    return this.children.length;
  }
  /**
   * @returns The aggregate length (in bytes) of the values that have been written.
   */
  get byteLength() {
    let size = 0, { _offsets, _values, _nulls, _typeIds, children } = this;
    return _offsets && (size += _offsets.byteLength), _values && (size += _values.byteLength), _nulls && (size += _nulls.byteLength), _typeIds && (size += _typeIds.byteLength), children.reduce((size2, child) => size2 + child.byteLength, size);
  }
  /**
   * @returns The aggregate number of rows that have been reserved to write new values.
   */
  get reservedLength() {
    return this._nulls.reservedLength;
  }
  /**
   * @returns The aggregate length (in bytes) that has been reserved to write new values.
   */
  get reservedByteLength() {
    let size = 0;
    return this._offsets && (size += this._offsets.reservedByteLength), this._values && (size += this._values.reservedByteLength), this._nulls && (size += this._nulls.reservedByteLength), this._typeIds && (size += this._typeIds.reservedByteLength), this.children.reduce((size2, child) => size2 + child.reservedByteLength, size);
  }
  get valueOffsets() {
    return this._offsets ? this._offsets.buffer : null;
  }
  get values() {
    return this._values ? this._values.buffer : null;
  }
  get nullBitmap() {
    return this._nulls ? this._nulls.buffer : null;
  }
  get typeIds() {
    return this._typeIds ? this._typeIds.buffer : null;
  }
  /**
   * Appends a value (or null) to this `Builder`.
   * This is equivalent to `builder.set(builder.length, value)`.
   * @param {T['TValue'] | TNull } value The value to append.
   */
  append(value) {
    return this.set(this.length, value);
  }
  /**
   * Validates whether a value is valid (true), or null (false)
   * @param {T['TValue'] | TNull } value The value to compare against null the value representations
   */
  isValid(value) {
    return this._isValid(value);
  }
  /**
   * Write a value (or null-value sentinel) at the supplied index.
   * If the value matches one of the null-value representations, a 1-bit is
   * written to the null `BitmapBufferBuilder`. Otherwise, a 0 is written to
   * the null `BitmapBufferBuilder`, and the value is passed to
   * `Builder.prototype.setValue()`.
   * @param {number} index The index of the value to write.
   * @param {T['TValue'] | TNull } value The value to write at the supplied index.
   * @returns {this} The updated `Builder` instance.
   */
  set(index, value) {
    return this.setValid(index, this.isValid(value)) && this.setValue(index, value), this;
  }
  /**
   * Write a value to the underlying buffers at the supplied index, bypassing
   * the null-value check. This is a low-level method that
   * @param {number} index
   * @param {T['TValue'] | TNull } value
   */
  setValue(index, value) {
    this._setValue(this, index, value);
  }
  setValid(index, valid) {
    return this.length = this._nulls.set(index, +valid).length, valid;
  }
  // @ts-ignore
  addChild(child, name = `${this.numChildren}`) {
    throw new Error(`Cannot append children to non-nested type "${this.type}"`);
  }
  /**
   * Retrieve the child `Builder` at the supplied `index`, or null if no child
   * exists at that index.
   * @param {number} index The index of the child `Builder` to retrieve.
   * @returns {Builder | null} The child Builder at the supplied index or null.
   */
  getChildAt(index) {
    return this.children[index] || null;
  }
  /**
   * Commit all the values that have been written to their underlying
   * ArrayBuffers, including any child Builders if applicable, and reset
   * the internal `Builder` state.
   * @returns A `Data<T>` of the buffers and children representing the values written.
   */
  flush() {
    let data, typeIds, nullBitmap, valueOffsets, { type, length, nullCount, _typeIds, _offsets, _values, _nulls } = this;
    (typeIds = _typeIds?.flush(length)) ? valueOffsets = _offsets?.flush(length) : (valueOffsets = _offsets?.flush(length)) ? data = _values?.flush(_offsets.last()) : data = _values?.flush(length), nullCount > 0 && (nullBitmap = _nulls?.flush(length));
    let children = this.children.map((child) => child.flush());
    return this.clear(), makeData({
      type,
      length,
      nullCount,
      children,
      child: children[0],
      data,
      typeIds,
      nullBitmap,
      valueOffsets
    });
  }
  /**
   * Finalize this `Builder`, and child builders if applicable.
   * @returns {this} The finalized `Builder` instance.
   */
  finish() {
    this.finished = !0;
    for (let child of this.children)
      child.finish();
    return this;
  }
  /**
   * Clear this Builder's internal state, including child Builders if applicable, and reset the length to 0.
   * @returns {this} The cleared `Builder` instance.
   */
  clear() {
    var _a5, _b2, _c2, _d2;
    this.length = 0, (_a5 = this._nulls) === null || _a5 === void 0 || _a5.clear(), (_b2 = this._values) === null || _b2 === void 0 || _b2.clear(), (_c2 = this._offsets) === null || _c2 === void 0 || _c2.clear(), (_d2 = this._typeIds) === null || _d2 === void 0 || _d2.clear();
    for (let child of this.children)
      child.clear();
    return this;
  }
};
Builder.prototype.length = 1;
Builder.prototype.stride = 1;
Builder.prototype.children = null;
Builder.prototype.finished = !1;
Builder.prototype.nullValues = null;
Builder.prototype._isValid = () => !0;
var FixedWidthBuilder = class extends Builder {
  constructor(opts) {
    super(opts), this._values = new DataBufferBuilder(this.ArrayType, 0, this.stride);
  }
  setValue(index, value) {
    let values = this._values;
    return values.reserve(index - values.length + 1), super.setValue(index, value);
  }
}, VariableWidthBuilder = class extends Builder {
  constructor(opts) {
    super(opts), this._pendingLength = 0, this._offsets = new OffsetsBufferBuilder(opts.type);
  }
  setValue(index, value) {
    let pending = this._pending || (this._pending = /* @__PURE__ */ new Map()), current = pending.get(index);
    current && (this._pendingLength -= current.length), this._pendingLength += value instanceof MapRow ? value[kKeys].length : value.length, pending.set(index, value);
  }
  setValid(index, isValid) {
    return super.setValid(index, isValid) ? !0 : ((this._pending || (this._pending = /* @__PURE__ */ new Map())).set(index, void 0), !1);
  }
  clear() {
    return this._pendingLength = 0, this._pending = void 0, super.clear();
  }
  flush() {
    return this._flush(), super.flush();
  }
  finish() {
    return this._flush(), super.finish();
  }
  _flush() {
    let pending = this._pending, pendingLength = this._pendingLength;
    return this._pendingLength = 0, this._pending = void 0, pending && pending.size > 0 && this._flushPending(pending, pendingLength), this;
  }
};

// node_modules/apache-arrow/fb/block.mjs
var Block = class {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  /**
   * Index to the start of the RecordBlock (note this is past the Message header)
   */
  offset() {
    return this.bb.readInt64(this.bb_pos);
  }
  /**
   * Length of the metadata
   */
  metaDataLength() {
    return this.bb.readInt32(this.bb_pos + 8);
  }
  /**
   * Length of the data (this is aligned so there can be a gap between this and
   * the metadata).
   */
  bodyLength() {
    return this.bb.readInt64(this.bb_pos + 16);
  }
  static sizeOf() {
    return 24;
  }
  static createBlock(builder, offset, metaDataLength, bodyLength) {
    return builder.prep(8, 24), builder.writeInt64(BigInt(bodyLength ?? 0)), builder.pad(4), builder.writeInt32(metaDataLength), builder.writeInt64(BigInt(offset ?? 0)), builder.offset();
  }
};

// node_modules/apache-arrow/fb/footer.mjs
var flatbuffers31 = __toESM(require_flatbuffers(), 1);
var Footer = class _Footer {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsFooter(bb, obj) {
    return (obj || new _Footer()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsFooter(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers31.SIZE_PREFIX_LENGTH), (obj || new _Footer()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  version() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : MetadataVersion.V1;
  }
  schema(obj) {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? (obj || new Schema()).__init(this.bb.__indirect(this.bb_pos + offset), this.bb) : null;
  }
  dictionaries(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? (obj || new Block()).__init(this.bb.__vector(this.bb_pos + offset) + index * 24, this.bb) : null;
  }
  dictionariesLength() {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  recordBatches(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? (obj || new Block()).__init(this.bb.__vector(this.bb_pos + offset) + index * 24, this.bb) : null;
  }
  recordBatchesLength() {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  /**
   * User-defined metadata
   */
  customMetadata(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? (obj || new KeyValue()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  customMetadataLength() {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  static startFooter(builder) {
    builder.startObject(5);
  }
  static addVersion(builder, version) {
    builder.addFieldInt16(0, version, MetadataVersion.V1);
  }
  static addSchema(builder, schemaOffset) {
    builder.addFieldOffset(1, schemaOffset, 0);
  }
  static addDictionaries(builder, dictionariesOffset) {
    builder.addFieldOffset(2, dictionariesOffset, 0);
  }
  static startDictionariesVector(builder, numElems) {
    builder.startVector(24, numElems, 8);
  }
  static addRecordBatches(builder, recordBatchesOffset) {
    builder.addFieldOffset(3, recordBatchesOffset, 0);
  }
  static startRecordBatchesVector(builder, numElems) {
    builder.startVector(24, numElems, 8);
  }
  static addCustomMetadata(builder, customMetadataOffset) {
    builder.addFieldOffset(4, customMetadataOffset, 0);
  }
  static createCustomMetadataVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startCustomMetadataVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static endFooter(builder) {
    return builder.endObject();
  }
  static finishFooterBuffer(builder, offset) {
    builder.finish(offset);
  }
  static finishSizePrefixedFooterBuffer(builder, offset) {
    builder.finish(offset, void 0, !0);
  }
};

// node_modules/apache-arrow/ipc/metadata/file.mjs
var flatbuffers32 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/schema.mjs
var kSchemaSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/Schema"), kFieldSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/Field"), Schema2 = class _Schema {
  /**
   * Check if an object is an instance of Schema.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isSchema(x) {
    return x?.[kSchemaSymbol] === !0;
  }
  constructor(fields = [], metadata, dictionaries, metadataVersion = MetadataVersion.V5) {
    this.fields = fields || [], this.metadata = metadata || /* @__PURE__ */ new Map(), dictionaries || (dictionaries = generateDictionaryMap(this.fields)), this.dictionaries = dictionaries, this.metadataVersion = metadataVersion;
  }
  get [Symbol.toStringTag]() {
    return "Schema";
  }
  get names() {
    return this.fields.map((f) => f.name);
  }
  toString() {
    return `Schema<{ ${this.fields.map((f, i) => `${i}: ${f}`).join(", ")} }>`;
  }
  /**
   * Construct a new Schema containing only specified fields.
   *
   * @param fieldNames Names of fields to keep.
   * @returns A new Schema of fields matching the specified names.
   */
  select(fieldNames) {
    let names = new Set(fieldNames), fields = this.fields.filter((f) => names.has(f.name));
    return new _Schema(fields, this.metadata);
  }
  /**
   * Construct a new Schema containing only fields at the specified indices.
   *
   * @param fieldIndices Indices of fields to keep.
   * @returns A new Schema of fields at the specified indices.
   */
  selectAt(fieldIndices) {
    let fields = fieldIndices.map((i) => this.fields[i]).filter(Boolean);
    return new _Schema(fields, this.metadata);
  }
  assign(...args) {
    let other = args[0] instanceof _Schema ? args[0] : Array.isArray(args[0]) ? new _Schema(args[0]) : new _Schema(args), curFields = [...this.fields], metadata = mergeMaps(mergeMaps(/* @__PURE__ */ new Map(), this.metadata), other.metadata), newFields = other.fields.filter((f2) => {
      let i = curFields.findIndex((f) => f.name === f2.name);
      return ~i ? (curFields[i] = f2.clone({
        metadata: mergeMaps(mergeMaps(/* @__PURE__ */ new Map(), curFields[i].metadata), f2.metadata)
      })) && !1 : !0;
    }), newDictionaries = generateDictionaryMap(newFields, /* @__PURE__ */ new Map());
    return new _Schema([...curFields, ...newFields], metadata, new Map([...this.dictionaries, ...newDictionaries]));
  }
};
Schema2.prototype.fields = null;
Schema2.prototype.metadata = null;
Schema2.prototype.dictionaries = null;
Schema2.prototype[kSchemaSymbol] = !0;
Object.defineProperty(Schema2, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === Schema2 && Schema2.isSchema(instance8);
  }
});
var Field2 = class _Field {
  /**
   * Check if an object is an instance of Field.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isField(x) {
    return x?.[kFieldSymbol] === !0;
  }
  /** @nocollapse */
  static new(...args) {
    let [name, type, nullable, metadata] = args;
    return args[0] && typeof args[0] == "object" && ({ name } = args[0], type === void 0 && (type = args[0].type), nullable === void 0 && (nullable = args[0].nullable), metadata === void 0 && (metadata = args[0].metadata)), new _Field(`${name}`, type, nullable, metadata);
  }
  constructor(name, type, nullable = !1, metadata) {
    this.name = name, this.type = type, this.nullable = nullable, this.metadata = metadata || /* @__PURE__ */ new Map();
  }
  get typeId() {
    return this.type.typeId;
  }
  get [Symbol.toStringTag]() {
    return "Field";
  }
  toString() {
    return `${this.name}: ${this.type}`;
  }
  clone(...args) {
    let [name, type, nullable, metadata] = args;
    return !args[0] || typeof args[0] != "object" ? [name = this.name, type = this.type, nullable = this.nullable, metadata = this.metadata] = args : { name = this.name, type = this.type, nullable = this.nullable, metadata = this.metadata } = args[0], _Field.new(name, type, nullable, metadata);
  }
};
Field2.prototype.type = null;
Field2.prototype.name = null;
Field2.prototype.nullable = null;
Field2.prototype.metadata = null;
Field2.prototype[kFieldSymbol] = !0;
Object.defineProperty(Field2, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === Field2 && Field2.isField(instance8);
  }
});
function mergeMaps(m1, m2) {
  return new Map([...m1 || /* @__PURE__ */ new Map(), ...m2 || /* @__PURE__ */ new Map()]);
}
function generateDictionaryMap(fields, dictionaries = /* @__PURE__ */ new Map()) {
  for (let i = -1, n = fields.length; ++i < n; ) {
    let type = fields[i].type;
    if (DataType.isDictionary(type)) {
      if (!dictionaries.has(type.id))
        dictionaries.set(type.id, type.dictionary);
      else if (dictionaries.get(type.id) !== type.dictionary)
        throw new Error("Cannot create Schema containing two different dictionaries with the same Id");
    }
    type.children && type.children.length > 0 && generateDictionaryMap(type.children, dictionaries);
  }
  return dictionaries;
}

// node_modules/apache-arrow/ipc/metadata/file.mjs
var Builder3 = flatbuffers32.Builder, ByteBuffer2 = flatbuffers32.ByteBuffer, Footer_ = class {
  /** @nocollapse */
  static decode(buf) {
    buf = new ByteBuffer2(toUint8Array(buf));
    let footer = Footer.getRootAsFooter(buf), schema = Schema2.decode(footer.schema(), /* @__PURE__ */ new Map(), footer.version());
    return new OffHeapFooter(schema, footer);
  }
  /** @nocollapse */
  static encode(footer) {
    let b = new Builder3(), schemaOffset = Schema2.encode(b, footer.schema);
    Footer.startRecordBatchesVector(b, footer.numRecordBatches);
    for (let rb of [...footer.recordBatches()].slice().reverse())
      FileBlock.encode(b, rb);
    let recordBatchesOffset = b.endVector();
    Footer.startDictionariesVector(b, footer.numDictionaries);
    for (let db of [...footer.dictionaryBatches()].slice().reverse())
      FileBlock.encode(b, db);
    let dictionaryBatchesOffset = b.endVector();
    return Footer.startFooter(b), Footer.addSchema(b, schemaOffset), Footer.addVersion(b, MetadataVersion.V5), Footer.addRecordBatches(b, recordBatchesOffset), Footer.addDictionaries(b, dictionaryBatchesOffset), Footer.finishFooterBuffer(b, Footer.endFooter(b)), b.asUint8Array();
  }
  get numRecordBatches() {
    return this._recordBatches.length;
  }
  get numDictionaries() {
    return this._dictionaryBatches.length;
  }
  constructor(schema, version = MetadataVersion.V5, recordBatches, dictionaryBatches) {
    this.schema = schema, this.version = version, recordBatches && (this._recordBatches = recordBatches), dictionaryBatches && (this._dictionaryBatches = dictionaryBatches);
  }
  *recordBatches() {
    for (let block, i = -1, n = this.numRecordBatches; ++i < n; )
      (block = this.getRecordBatch(i)) && (yield block);
  }
  *dictionaryBatches() {
    for (let block, i = -1, n = this.numDictionaries; ++i < n; )
      (block = this.getDictionaryBatch(i)) && (yield block);
  }
  getRecordBatch(index) {
    return index >= 0 && index < this.numRecordBatches && this._recordBatches[index] || null;
  }
  getDictionaryBatch(index) {
    return index >= 0 && index < this.numDictionaries && this._dictionaryBatches[index] || null;
  }
};
var OffHeapFooter = class extends Footer_ {
  get numRecordBatches() {
    return this._footer.recordBatchesLength();
  }
  get numDictionaries() {
    return this._footer.dictionariesLength();
  }
  constructor(schema, _footer) {
    super(schema, _footer.version()), this._footer = _footer;
  }
  getRecordBatch(index) {
    if (index >= 0 && index < this.numRecordBatches) {
      let fileBlock = this._footer.recordBatches(index);
      if (fileBlock)
        return FileBlock.decode(fileBlock);
    }
    return null;
  }
  getDictionaryBatch(index) {
    if (index >= 0 && index < this.numDictionaries) {
      let fileBlock = this._footer.dictionaries(index);
      if (fileBlock)
        return FileBlock.decode(fileBlock);
    }
    return null;
  }
}, FileBlock = class _FileBlock {
  /** @nocollapse */
  static decode(block) {
    return new _FileBlock(block.metaDataLength(), block.bodyLength(), block.offset());
  }
  /** @nocollapse */
  static encode(b, fileBlock) {
    let { metaDataLength } = fileBlock, offset = BigInt(fileBlock.offset), bodyLength = BigInt(fileBlock.bodyLength);
    return Block.createBlock(b, offset, metaDataLength, bodyLength);
  }
  constructor(metaDataLength, bodyLength, offset) {
    this.metaDataLength = metaDataLength, this.offset = bigIntToNumber(offset), this.bodyLength = bigIntToNumber(bodyLength);
  }
};

// node_modules/apache-arrow/ipc/metadata/message.mjs
var flatbuffers34 = __toESM(require_flatbuffers(), 1);

// node_modules/apache-arrow/fb/message.mjs
var flatbuffers33 = __toESM(require_flatbuffers(), 1);
var Message = class _Message {
  constructor() {
    this.bb = null, this.bb_pos = 0;
  }
  __init(i, bb) {
    return this.bb_pos = i, this.bb = bb, this;
  }
  static getRootAsMessage(bb, obj) {
    return (obj || new _Message()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  static getSizePrefixedRootAsMessage(bb, obj) {
    return bb.setPosition(bb.position() + flatbuffers33.SIZE_PREFIX_LENGTH), (obj || new _Message()).__init(bb.readInt32(bb.position()) + bb.position(), bb);
  }
  version() {
    let offset = this.bb.__offset(this.bb_pos, 4);
    return offset ? this.bb.readInt16(this.bb_pos + offset) : MetadataVersion.V1;
  }
  headerType() {
    let offset = this.bb.__offset(this.bb_pos, 6);
    return offset ? this.bb.readUint8(this.bb_pos + offset) : MessageHeader.NONE;
  }
  header(obj) {
    let offset = this.bb.__offset(this.bb_pos, 8);
    return offset ? this.bb.__union(obj, this.bb_pos + offset) : null;
  }
  bodyLength() {
    let offset = this.bb.__offset(this.bb_pos, 10);
    return offset ? this.bb.readInt64(this.bb_pos + offset) : BigInt("0");
  }
  customMetadata(index, obj) {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? (obj || new KeyValue()).__init(this.bb.__indirect(this.bb.__vector(this.bb_pos + offset) + index * 4), this.bb) : null;
  }
  customMetadataLength() {
    let offset = this.bb.__offset(this.bb_pos, 12);
    return offset ? this.bb.__vector_len(this.bb_pos + offset) : 0;
  }
  static startMessage(builder) {
    builder.startObject(5);
  }
  static addVersion(builder, version) {
    builder.addFieldInt16(0, version, MetadataVersion.V1);
  }
  static addHeaderType(builder, headerType) {
    builder.addFieldInt8(1, headerType, MessageHeader.NONE);
  }
  static addHeader(builder, headerOffset) {
    builder.addFieldOffset(2, headerOffset, 0);
  }
  static addBodyLength(builder, bodyLength) {
    builder.addFieldInt64(3, bodyLength, BigInt("0"));
  }
  static addCustomMetadata(builder, customMetadataOffset) {
    builder.addFieldOffset(4, customMetadataOffset, 0);
  }
  static createCustomMetadataVector(builder, data) {
    builder.startVector(4, data.length, 4);
    for (let i = data.length - 1; i >= 0; i--)
      builder.addOffset(data[i]);
    return builder.endVector();
  }
  static startCustomMetadataVector(builder, numElems) {
    builder.startVector(4, numElems, 4);
  }
  static endMessage(builder) {
    return builder.endObject();
  }
  static finishMessageBuffer(builder, offset) {
    builder.finish(offset);
  }
  static finishSizePrefixedMessageBuffer(builder, offset) {
    builder.finish(offset, void 0, !0);
  }
  static createMessage(builder, version, headerType, headerOffset, bodyLength, customMetadataOffset) {
    return _Message.startMessage(builder), _Message.addVersion(builder, version), _Message.addHeaderType(builder, headerType), _Message.addHeader(builder, headerOffset), _Message.addBodyLength(builder, bodyLength), _Message.addCustomMetadata(builder, customMetadataOffset), _Message.endMessage(builder);
  }
};

// node_modules/apache-arrow/visitor/typeassembler.mjs
var TypeAssembler = class extends Visitor {
  visit(node, builder) {
    return node == null || builder == null ? void 0 : super.visit(node, builder);
  }
  visitNull(_node, b) {
    return Null.startNull(b), Null.endNull(b);
  }
  visitInt(node, b) {
    return Int.startInt(b), Int.addBitWidth(b, node.bitWidth), Int.addIsSigned(b, node.isSigned), Int.endInt(b);
  }
  visitFloat(node, b) {
    return FloatingPoint.startFloatingPoint(b), FloatingPoint.addPrecision(b, node.precision), FloatingPoint.endFloatingPoint(b);
  }
  visitBinary(_node, b) {
    return Binary.startBinary(b), Binary.endBinary(b);
  }
  visitBinaryView(_node, b) {
    return BinaryView.startBinaryView(b), BinaryView.endBinaryView(b);
  }
  visitLargeBinary(_node, b) {
    return LargeBinary.startLargeBinary(b), LargeBinary.endLargeBinary(b);
  }
  visitBool(_node, b) {
    return Bool.startBool(b), Bool.endBool(b);
  }
  visitUtf8(_node, b) {
    return Utf8.startUtf8(b), Utf8.endUtf8(b);
  }
  visitUtf8View(_node, b) {
    return Utf8View.startUtf8View(b), Utf8View.endUtf8View(b);
  }
  visitLargeUtf8(_node, b) {
    return LargeUtf8.startLargeUtf8(b), LargeUtf8.endLargeUtf8(b);
  }
  visitDecimal(node, b) {
    return Decimal.startDecimal(b), Decimal.addScale(b, node.scale), Decimal.addPrecision(b, node.precision), Decimal.addBitWidth(b, node.bitWidth), Decimal.endDecimal(b);
  }
  visitDate(node, b) {
    return Date2.startDate(b), Date2.addUnit(b, node.unit), Date2.endDate(b);
  }
  visitTime(node, b) {
    return Time.startTime(b), Time.addUnit(b, node.unit), Time.addBitWidth(b, node.bitWidth), Time.endTime(b);
  }
  visitTimestamp(node, b) {
    let timezone = node.timezone && b.createString(node.timezone) || void 0;
    return Timestamp.startTimestamp(b), Timestamp.addUnit(b, node.unit), timezone !== void 0 && Timestamp.addTimezone(b, timezone), Timestamp.endTimestamp(b);
  }
  visitInterval(node, b) {
    return Interval.startInterval(b), Interval.addUnit(b, node.unit), Interval.endInterval(b);
  }
  visitDuration(node, b) {
    return Duration.startDuration(b), Duration.addUnit(b, node.unit), Duration.endDuration(b);
  }
  visitList(_node, b) {
    return List.startList(b), List.endList(b);
  }
  visitLargeList(_node, b) {
    return LargeList.startLargeList(b), LargeList.endLargeList(b);
  }
  visitStruct(_node, b) {
    return Struct_.startStruct_(b), Struct_.endStruct_(b);
  }
  visitUnion(node, b) {
    Union.startTypeIdsVector(b, node.typeIds.length);
    let typeIds = Union.createTypeIdsVector(b, node.typeIds);
    return Union.startUnion(b), Union.addMode(b, node.mode), Union.addTypeIds(b, typeIds), Union.endUnion(b);
  }
  visitDictionary(node, b) {
    let indexType = this.visit(node.indices, b);
    return DictionaryEncoding.startDictionaryEncoding(b), DictionaryEncoding.addId(b, BigInt(node.id)), DictionaryEncoding.addIsOrdered(b, node.isOrdered), indexType !== void 0 && DictionaryEncoding.addIndexType(b, indexType), DictionaryEncoding.endDictionaryEncoding(b);
  }
  visitFixedSizeBinary(node, b) {
    return FixedSizeBinary.startFixedSizeBinary(b), FixedSizeBinary.addByteWidth(b, node.byteWidth), FixedSizeBinary.endFixedSizeBinary(b);
  }
  visitFixedSizeList(node, b) {
    return FixedSizeList.startFixedSizeList(b), FixedSizeList.addListSize(b, node.listSize), FixedSizeList.endFixedSizeList(b);
  }
  visitMap(node, b) {
    return Map2.startMap(b), Map2.addKeysSorted(b, node.keysSorted), Map2.endMap(b);
  }
}, instance5 = new TypeAssembler();

// node_modules/apache-arrow/ipc/metadata/json.mjs
function schemaFromJSON(_schema, dictionaries = /* @__PURE__ */ new Map()) {
  return new Schema2(schemaFieldsFromJSON(_schema, dictionaries), customMetadataFromJSON(_schema.metadata), dictionaries);
}
function recordBatchFromJSON(b) {
  return new RecordBatch2(b.count, fieldNodesFromJSON(b.columns), buffersFromJSON(b.columns), null, variadicBufferCountsFromJSON(b.columns));
}
function dictionaryBatchFromJSON(b) {
  return new DictionaryBatch2(recordBatchFromJSON(b.data), b.id, b.isDelta);
}
function schemaFieldsFromJSON(_schema, dictionaries) {
  return (_schema.fields || []).filter(Boolean).map((f) => Field2.fromJSON(f, dictionaries));
}
function fieldChildrenFromJSON(_field, dictionaries) {
  return (_field.children || []).filter(Boolean).map((f) => Field2.fromJSON(f, dictionaries));
}
function fieldNodesFromJSON(xs) {
  return (xs || []).reduce((fieldNodes, column) => [
    ...fieldNodes,
    new FieldNode2(column.count, nullCountFromJSON(column.VALIDITY)),
    ...fieldNodesFromJSON(column.children)
  ], []);
}
function buffersFromJSON(xs, buffers = []) {
  for (let i = -1, n = (xs || []).length; ++i < n; ) {
    let column = xs[i];
    if (column.VALIDITY && buffers.push(new BufferRegion(buffers.length, column.VALIDITY.length)), column.TYPE_ID && buffers.push(new BufferRegion(buffers.length, column.TYPE_ID.length)), column.OFFSET && buffers.push(new BufferRegion(buffers.length, column.OFFSET.length)), column.DATA && buffers.push(new BufferRegion(buffers.length, column.DATA.length)), column.VIEWS && buffers.push(new BufferRegion(buffers.length, column.VIEWS.length)), column.VARIADIC_DATA_BUFFERS)
      for (let buf of column.VARIADIC_DATA_BUFFERS)
        buffers.push(new BufferRegion(buffers.length, buf.length));
    buffers = buffersFromJSON(column.children, buffers);
  }
  return buffers;
}
function nullCountFromJSON(validity) {
  return (validity || []).reduce((sum, val) => sum + +(val === 0), 0);
}
function variadicBufferCountsFromJSON(xs) {
  return (xs || []).reduce((counts, column) => [
    ...counts,
    ...column.VARIADIC_DATA_BUFFERS ? [column.VARIADIC_DATA_BUFFERS.length] : [],
    ...variadicBufferCountsFromJSON(column.children)
  ], []);
}
function fieldFromJSON(_field, dictionaries) {
  let id, keys, field, dictMeta, type, dictType;
  return !dictionaries || !(dictMeta = _field.dictionary) ? (type = typeFromJSON(_field, fieldChildrenFromJSON(_field, dictionaries)), field = new Field2(_field.name, type, _field.nullable, customMetadataFromJSON(_field.metadata))) : dictionaries.has(id = dictMeta.id) ? (keys = (keys = dictMeta.indexType) ? indexTypeFromJSON(keys) : new Int32(), dictType = new Dictionary(dictionaries.get(id), keys, id, dictMeta.isOrdered), field = new Field2(_field.name, dictType, _field.nullable, customMetadataFromJSON(_field.metadata))) : (keys = (keys = dictMeta.indexType) ? indexTypeFromJSON(keys) : new Int32(), dictionaries.set(id, type = typeFromJSON(_field, fieldChildrenFromJSON(_field, dictionaries))), dictType = new Dictionary(type, keys, id, dictMeta.isOrdered), field = new Field2(_field.name, dictType, _field.nullable, customMetadataFromJSON(_field.metadata))), field || null;
}
function customMetadataFromJSON(metadata = []) {
  return new Map(metadata.map(({ key, value }) => [key, value]));
}
function indexTypeFromJSON(_type) {
  return new Int_(_type.isSigned, _type.bitWidth);
}
function typeFromJSON(f, children) {
  let typeId = f.type.name;
  switch (typeId) {
    case "NONE":
      return new Null2();
    case "null":
      return new Null2();
    case "binary":
      return new Binary2();
    case "largebinary":
      return new LargeBinary2();
    case "binaryview":
      return new BinaryView2();
    case "utf8":
      return new Utf82();
    case "largeutf8":
      return new LargeUtf82();
    case "utf8view":
      return new Utf8View2();
    case "bool":
      return new Bool2();
    case "list":
      return new List2((children || [])[0]);
    case "largelist":
      return new LargeList2((children || [])[0]);
    case "struct":
      return new Struct(children || []);
    case "struct_":
      return new Struct(children || []);
  }
  switch (typeId) {
    case "int": {
      let t = f.type;
      return new Int_(t.isSigned, t.bitWidth);
    }
    case "floatingpoint": {
      let t = f.type;
      return new Float(Precision[t.precision]);
    }
    case "decimal": {
      let t = f.type;
      return new Decimal2(t.scale, t.precision, t.bitWidth);
    }
    case "date": {
      let t = f.type;
      return new Date_(DateUnit[t.unit]);
    }
    case "time": {
      let t = f.type;
      return new Time_(TimeUnit[t.unit], t.bitWidth);
    }
    case "timestamp": {
      let t = f.type;
      return new Timestamp_(TimeUnit[t.unit], t.timezone);
    }
    case "interval": {
      let t = f.type;
      return new Interval_(IntervalUnit[t.unit]);
    }
    case "duration": {
      let t = f.type;
      return new Duration2(TimeUnit[t.unit]);
    }
    case "union": {
      let t = f.type, [m, ...ms] = (t.mode + "").toLowerCase(), mode = m.toUpperCase() + ms.join("");
      return new Union_(UnionMode[mode], t.typeIds || [], children || []);
    }
    case "fixedsizebinary": {
      let t = f.type;
      return new FixedSizeBinary2(t.byteWidth);
    }
    case "fixedsizelist": {
      let t = f.type;
      return new FixedSizeList2(t.listSize, (children || [])[0]);
    }
    case "map": {
      let t = f.type;
      return new Map_((children || [])[0], t.keysSorted);
    }
  }
  throw new Error(`Unrecognized type: "${typeId}"`);
}

// node_modules/apache-arrow/ipc/metadata/message.mjs
var Builder5 = flatbuffers34.Builder, ByteBuffer4 = flatbuffers34.ByteBuffer, Message2 = class _Message {
  /** @nocollapse */
  static fromJSON(msg, headerType) {
    let message = new _Message(0, MetadataVersion.V5, headerType);
    return message._createHeader = messageHeaderFromJSON(msg, headerType), message;
  }
  /** @nocollapse */
  static decode(buf) {
    buf = new ByteBuffer4(toUint8Array(buf));
    let _message = Message.getRootAsMessage(buf), bodyLength = _message.bodyLength(), version = _message.version(), headerType = _message.headerType(), metadata = decodeMessageCustomMetadata(_message), message = new _Message(bodyLength, version, headerType, void 0, metadata);
    return message._createHeader = decodeMessageHeader(_message, headerType), message;
  }
  /** @nocollapse */
  static encode(message) {
    let b = new Builder5(), headerOffset = -1;
    message.isSchema() ? headerOffset = Schema2.encode(b, message.header()) : message.isRecordBatch() ? headerOffset = RecordBatch2.encode(b, message.header()) : message.isDictionaryBatch() && (headerOffset = DictionaryBatch2.encode(b, message.header()));
    let customMetadataOffset = message.metadata && message.metadata.size > 0 ? Message.createCustomMetadataVector(b, [...message.metadata].map(([k, v]) => {
      let key = b.createString(`${k}`), val = b.createString(`${v}`);
      return KeyValue.startKeyValue(b), KeyValue.addKey(b, key), KeyValue.addValue(b, val), KeyValue.endKeyValue(b);
    })) : -1;
    return Message.startMessage(b), Message.addVersion(b, MetadataVersion.V5), Message.addHeader(b, headerOffset), Message.addHeaderType(b, message.headerType), Message.addBodyLength(b, BigInt(message.bodyLength)), customMetadataOffset !== -1 && Message.addCustomMetadata(b, customMetadataOffset), Message.finishMessageBuffer(b, Message.endMessage(b)), b.asUint8Array();
  }
  /** @nocollapse */
  static from(header, bodyLength = 0) {
    if (header instanceof Schema2)
      return new _Message(0, MetadataVersion.V5, MessageHeader.Schema, header);
    if (header instanceof RecordBatch2)
      return new _Message(bodyLength, MetadataVersion.V5, MessageHeader.RecordBatch, header, header.metadata);
    if (header instanceof DictionaryBatch2)
      return new _Message(bodyLength, MetadataVersion.V5, MessageHeader.DictionaryBatch, header);
    throw new Error(`Unrecognized Message header: ${header}`);
  }
  get type() {
    return this.headerType;
  }
  get version() {
    return this._version;
  }
  get headerType() {
    return this._headerType;
  }
  get compression() {
    return this._compression;
  }
  get bodyLength() {
    return this._bodyLength;
  }
  get metadata() {
    return this._metadata;
  }
  header() {
    return this._createHeader();
  }
  isSchema() {
    return this.headerType === MessageHeader.Schema;
  }
  isRecordBatch() {
    return this.headerType === MessageHeader.RecordBatch;
  }
  isDictionaryBatch() {
    return this.headerType === MessageHeader.DictionaryBatch;
  }
  constructor(bodyLength, version, headerType, header, metadata) {
    this._version = version, this._headerType = headerType, this.body = new Uint8Array(0), this._compression = header?.compression, header && (this._createHeader = () => header), this._bodyLength = bigIntToNumber(bodyLength), this._metadata = metadata || /* @__PURE__ */ new Map();
  }
}, RecordBatch2 = class {
  get nodes() {
    return this._nodes;
  }
  get length() {
    return this._length;
  }
  get buffers() {
    return this._buffers;
  }
  get compression() {
    return this._compression;
  }
  get variadicBufferCounts() {
    return this._variadicBufferCounts;
  }
  get metadata() {
    return this._metadata;
  }
  constructor(length, nodes, buffers, compression, variadicBufferCounts = [], metadata) {
    this._nodes = nodes, this._buffers = buffers, this._length = bigIntToNumber(length), this._compression = compression, this._variadicBufferCounts = variadicBufferCounts, this._metadata = metadata || /* @__PURE__ */ new Map();
  }
}, DictionaryBatch2 = class {
  get id() {
    return this._id;
  }
  get data() {
    return this._data;
  }
  get isDelta() {
    return this._isDelta;
  }
  get length() {
    return this.data.length;
  }
  get nodes() {
    return this.data.nodes;
  }
  get buffers() {
    return this.data.buffers;
  }
  constructor(data, id, isDelta = !1) {
    this._data = data, this._isDelta = isDelta, this._id = bigIntToNumber(id);
  }
}, BufferRegion = class {
  constructor(offset, length) {
    this.offset = bigIntToNumber(offset), this.length = bigIntToNumber(length);
  }
}, FieldNode2 = class {
  constructor(length, nullCount) {
    this.length = bigIntToNumber(length), this.nullCount = bigIntToNumber(nullCount);
  }
}, BodyCompression2 = class {
  constructor(type, method = BodyCompressionMethod.BUFFER) {
    this.type = type, this.method = method;
  }
};
function messageHeaderFromJSON(message, type) {
  return (() => {
    switch (type) {
      case MessageHeader.Schema:
        return Schema2.fromJSON(message);
      case MessageHeader.RecordBatch:
        return RecordBatch2.fromJSON(message);
      case MessageHeader.DictionaryBatch:
        return DictionaryBatch2.fromJSON(message);
    }
    throw new Error(`Unrecognized Message type: { name: ${MessageHeader[type]}, type: ${type} }`);
  });
}
function decodeMessageHeader(message, type) {
  return (() => {
    switch (type) {
      case MessageHeader.Schema:
        return Schema2.decode(message.header(new Schema()), /* @__PURE__ */ new Map(), message.version());
      case MessageHeader.RecordBatch:
        return RecordBatch2.decode(message.header(new RecordBatch()), message.version());
      case MessageHeader.DictionaryBatch:
        return DictionaryBatch2.decode(message.header(new DictionaryBatch()), message.version());
    }
    throw new Error(`Unrecognized Message type: { name: ${MessageHeader[type]}, type: ${type} }`);
  });
}
Field2.encode = encodeField;
Field2.decode = decodeField;
Field2.fromJSON = fieldFromJSON;
Schema2.encode = encodeSchema;
Schema2.decode = decodeSchema;
Schema2.fromJSON = schemaFromJSON;
RecordBatch2.encode = encodeRecordBatch;
RecordBatch2.decode = decodeRecordBatch;
RecordBatch2.fromJSON = recordBatchFromJSON;
DictionaryBatch2.encode = encodeDictionaryBatch;
DictionaryBatch2.decode = decodeDictionaryBatch;
DictionaryBatch2.fromJSON = dictionaryBatchFromJSON;
FieldNode2.encode = encodeFieldNode;
FieldNode2.decode = decodeFieldNode;
BufferRegion.encode = encodeBufferRegion;
BufferRegion.decode = decodeBufferRegion;
BodyCompression2.encode = encodeBodyCompression;
BodyCompression2.decode = decodeBodyCompression;
function decodeSchema(_schema, dictionaries = /* @__PURE__ */ new Map(), version = MetadataVersion.V5) {
  let fields = decodeSchemaFields(_schema, dictionaries);
  return new Schema2(fields, decodeCustomMetadata(_schema), dictionaries, version);
}
function decodeRecordBatch(batch, version = MetadataVersion.V5) {
  return new RecordBatch2(batch.length(), decodeFieldNodes(batch), decodeBuffers(batch, version), decodeBodyCompression(batch.compression()), decodeVariadicBufferCounts(batch));
}
function decodeDictionaryBatch(batch, version = MetadataVersion.V5) {
  return new DictionaryBatch2(RecordBatch2.decode(batch.data(), version), batch.id(), batch.isDelta());
}
function decodeBufferRegion(b) {
  return new BufferRegion(b.offset(), b.length());
}
function decodeFieldNode(f) {
  return new FieldNode2(f.length(), f.nullCount());
}
function decodeFieldNodes(batch) {
  let nodes = [];
  for (let f, i = -1, j = -1, n = batch.nodesLength(); ++i < n; )
    (f = batch.nodes(i)) && (nodes[++j] = FieldNode2.decode(f));
  return nodes;
}
function decodeBuffers(batch, version) {
  let bufferRegions = [];
  for (let b, i = -1, j = -1, n = batch.buffersLength(); ++i < n; )
    (b = batch.buffers(i)) && (version < MetadataVersion.V4 && (b.bb_pos += 8 * (i + 1)), bufferRegions[++j] = BufferRegion.decode(b));
  return bufferRegions;
}
function decodeVariadicBufferCounts(batch) {
  let counts = [], length = Math.trunc(batch.variadicBufferCountsLength());
  for (let i = 0; i < length; ++i)
    counts.push(bigIntToNumber(batch.variadicBufferCounts(i)));
  return counts;
}
function decodeSchemaFields(schema, dictionaries) {
  let fields = [];
  for (let f, i = -1, j = -1, n = schema.fieldsLength(); ++i < n; )
    (f = schema.fields(i)) && (fields[++j] = Field2.decode(f, dictionaries));
  return fields;
}
function decodeFieldChildren(field, dictionaries) {
  let children = [];
  for (let f, i = -1, j = -1, n = field.childrenLength(); ++i < n; )
    (f = field.children(i)) && (children[++j] = Field2.decode(f, dictionaries));
  return children;
}
function decodeField(f, dictionaries) {
  let id, field, type, keys, dictType, dictMeta;
  return !dictionaries || !(dictMeta = f.dictionary()) ? (type = decodeFieldType(f, decodeFieldChildren(f, dictionaries)), field = new Field2(f.name(), type, f.nullable(), decodeCustomMetadata(f))) : dictionaries.has(id = bigIntToNumber(dictMeta.id())) ? (keys = (keys = dictMeta.indexType()) ? decodeIndexType(keys) : new Int32(), dictType = new Dictionary(dictionaries.get(id), keys, id, dictMeta.isOrdered()), field = new Field2(f.name(), dictType, f.nullable(), decodeCustomMetadata(f))) : (keys = (keys = dictMeta.indexType()) ? decodeIndexType(keys) : new Int32(), dictionaries.set(id, type = decodeFieldType(f, decodeFieldChildren(f, dictionaries))), dictType = new Dictionary(type, keys, id, dictMeta.isOrdered()), field = new Field2(f.name(), dictType, f.nullable(), decodeCustomMetadata(f))), field || null;
}
function decodeCustomMetadata(parent) {
  let data = /* @__PURE__ */ new Map();
  if (parent)
    for (let entry, key, i = -1, n = Math.trunc(parent.customMetadataLength()); ++i < n; )
      (entry = parent.customMetadata(i)) && (key = entry.key()) != null && data.set(key, entry.value());
  return data;
}
function decodeMessageCustomMetadata(message) {
  let data = /* @__PURE__ */ new Map();
  for (let entry, key, i = -1, n = Math.trunc(message.customMetadataLength()); ++i < n; )
    (entry = message.customMetadata(i)) && (key = entry.key()) != null && data.set(key, entry.value());
  return data;
}
function decodeIndexType(_type) {
  return new Int_(_type.isSigned(), _type.bitWidth());
}
function decodeFieldType(f, children) {
  let typeId = f.typeType();
  switch (typeId) {
    case Type.NONE:
      return new Null2();
    case Type.Null:
      return new Null2();
    case Type.Binary:
      return new Binary2();
    case Type.LargeBinary:
      return new LargeBinary2();
    case Type.BinaryView:
      return new BinaryView2();
    case Type.Utf8:
      return new Utf82();
    case Type.LargeUtf8:
      return new LargeUtf82();
    case Type.Utf8View:
      return new Utf8View2();
    case Type.Bool:
      return new Bool2();
    case Type.List:
      return new List2((children || [])[0]);
    case Type.LargeList:
      return new LargeList2((children || [])[0]);
    case Type.Struct_:
      return new Struct(children || []);
  }
  switch (typeId) {
    case Type.Int: {
      let t = f.type(new Int());
      return new Int_(t.isSigned(), t.bitWidth());
    }
    case Type.FloatingPoint: {
      let t = f.type(new FloatingPoint());
      return new Float(t.precision());
    }
    case Type.Decimal: {
      let t = f.type(new Decimal());
      return new Decimal2(t.scale(), t.precision(), t.bitWidth());
    }
    case Type.Date: {
      let t = f.type(new Date2());
      return new Date_(t.unit());
    }
    case Type.Time: {
      let t = f.type(new Time());
      return new Time_(t.unit(), t.bitWidth());
    }
    case Type.Timestamp: {
      let t = f.type(new Timestamp());
      return new Timestamp_(t.unit(), t.timezone());
    }
    case Type.Interval: {
      let t = f.type(new Interval());
      return new Interval_(t.unit());
    }
    case Type.Duration: {
      let t = f.type(new Duration());
      return new Duration2(t.unit());
    }
    case Type.Union: {
      let t = f.type(new Union());
      return new Union_(t.mode(), t.typeIdsArray() || [], children || []);
    }
    case Type.FixedSizeBinary: {
      let t = f.type(new FixedSizeBinary());
      return new FixedSizeBinary2(t.byteWidth());
    }
    case Type.FixedSizeList: {
      let t = f.type(new FixedSizeList());
      return new FixedSizeList2(t.listSize(), (children || [])[0]);
    }
    case Type.Map: {
      let t = f.type(new Map2());
      return new Map_((children || [])[0], t.keysSorted());
    }
  }
  throw new Error(`Unrecognized type: "${Type[typeId]}" (${typeId})`);
}
function decodeBodyCompression(b) {
  return b ? new BodyCompression2(b.codec(), b.method()) : null;
}
function encodeSchema(b, schema) {
  let fieldOffsets = schema.fields.map((f) => Field2.encode(b, f));
  Schema.startFieldsVector(b, fieldOffsets.length);
  let fieldsVectorOffset = Schema.createFieldsVector(b, fieldOffsets), metadataOffset = schema.metadata && schema.metadata.size > 0 ? Schema.createCustomMetadataVector(b, [...schema.metadata].map(([k, v]) => {
    let key = b.createString(`${k}`), val = b.createString(`${v}`);
    return KeyValue.startKeyValue(b), KeyValue.addKey(b, key), KeyValue.addValue(b, val), KeyValue.endKeyValue(b);
  })) : -1;
  return Schema.startSchema(b), Schema.addFields(b, fieldsVectorOffset), Schema.addEndianness(b, platformIsLittleEndian ? Endianness.Little : Endianness.Big), metadataOffset !== -1 && Schema.addCustomMetadata(b, metadataOffset), Schema.endSchema(b);
}
function encodeField(b, field) {
  let nameOffset = -1, typeOffset = -1, dictionaryOffset = -1, type = field.type, typeId = field.typeId;
  DataType.isDictionary(type) ? (typeId = type.dictionary.typeId, dictionaryOffset = instance5.visit(type, b), typeOffset = instance5.visit(type.dictionary, b)) : typeOffset = instance5.visit(type, b);
  let childOffsets = (type.children || []).map((f) => Field2.encode(b, f)), childrenVectorOffset = Field.createChildrenVector(b, childOffsets), metadataOffset = field.metadata && field.metadata.size > 0 ? Field.createCustomMetadataVector(b, [...field.metadata].map(([k, v]) => {
    let key = b.createString(`${k}`), val = b.createString(`${v}`);
    return KeyValue.startKeyValue(b), KeyValue.addKey(b, key), KeyValue.addValue(b, val), KeyValue.endKeyValue(b);
  })) : -1;
  return field.name && (nameOffset = b.createString(field.name)), Field.startField(b), Field.addType(b, typeOffset), Field.addTypeType(b, typeId), Field.addChildren(b, childrenVectorOffset), Field.addNullable(b, !!field.nullable), nameOffset !== -1 && Field.addName(b, nameOffset), dictionaryOffset !== -1 && Field.addDictionary(b, dictionaryOffset), metadataOffset !== -1 && Field.addCustomMetadata(b, metadataOffset), Field.endField(b);
}
function encodeRecordBatch(b, recordBatch) {
  let nodes = recordBatch.nodes || [], buffers = recordBatch.buffers || [], variadicBufferCounts = recordBatch.variadicBufferCounts || [];
  RecordBatch.startNodesVector(b, nodes.length);
  for (let n of nodes.slice().reverse())
    FieldNode2.encode(b, n);
  let nodesVectorOffset = b.endVector();
  RecordBatch.startBuffersVector(b, buffers.length);
  for (let b_ of buffers.slice().reverse())
    BufferRegion.encode(b, b_);
  let buffersVectorOffset = b.endVector(), bodyCompressionOffset = null;
  recordBatch.compression !== null && (bodyCompressionOffset = encodeBodyCompression(b, recordBatch.compression));
  let variadicBufferCountsOffset = -1;
  return variadicBufferCounts.length > 0 && (variadicBufferCountsOffset = RecordBatch.createVariadicBufferCountsVector(b, variadicBufferCounts.map(BigInt))), RecordBatch.startRecordBatch(b), RecordBatch.addLength(b, BigInt(recordBatch.length)), RecordBatch.addNodes(b, nodesVectorOffset), RecordBatch.addBuffers(b, buffersVectorOffset), recordBatch.compression !== null && bodyCompressionOffset && RecordBatch.addCompression(b, bodyCompressionOffset), variadicBufferCountsOffset !== -1 && RecordBatch.addVariadicBufferCounts(b, variadicBufferCountsOffset), RecordBatch.endRecordBatch(b);
}
function encodeBodyCompression(b, node) {
  return BodyCompression.startBodyCompression(b), BodyCompression.addCodec(b, node.type), BodyCompression.addMethod(b, node.method), BodyCompression.endBodyCompression(b);
}
function encodeDictionaryBatch(b, dictionaryBatch) {
  let dataOffset = RecordBatch2.encode(b, dictionaryBatch.data);
  return DictionaryBatch.startDictionaryBatch(b), DictionaryBatch.addId(b, BigInt(dictionaryBatch.id)), DictionaryBatch.addIsDelta(b, dictionaryBatch.isDelta), DictionaryBatch.addData(b, dataOffset), DictionaryBatch.endDictionaryBatch(b);
}
function encodeFieldNode(b, node) {
  return FieldNode.createFieldNode(b, BigInt(node.length), BigInt(node.nullCount));
}
function encodeBufferRegion(b, node) {
  return Buffer.createBuffer(b, BigInt(node.offset), BigInt(node.length));
}
var platformIsLittleEndian = (() => {
  let buffer = new ArrayBuffer(2);
  return new DataView(buffer).setInt16(
    0,
    256,
    !0
    /* littleEndian */
  ), new Int16Array(buffer)[0] === 256;
})();

// node_modules/apache-arrow/io/interfaces.mjs
var ITERATOR_DONE = Object.freeze({ done: !0, value: void 0 }), ArrowJSON = class {
  constructor(_json) {
    this._json = _json;
  }
  get schema() {
    return this._json.schema;
  }
  get batches() {
    return this._json.batches || [];
  }
  get dictionaries() {
    return this._json.dictionaries || [];
  }
}, ReadableInterop = class {
  tee() {
    return this._getDOMStream().tee();
  }
  pipe(writable, options) {
    return this._getNodeStream().pipe(writable, options);
  }
  pipeTo(writable, options) {
    return this._getDOMStream().pipeTo(writable, options);
  }
  pipeThrough(duplex, options) {
    return this._getDOMStream().pipeThrough(duplex, options);
  }
  _getDOMStream() {
    return this._DOMStream || (this._DOMStream = this.toDOMStream());
  }
  _getNodeStream() {
    return this._nodeStream || (this._nodeStream = this.toNodeStream());
  }
}, AsyncQueue = class extends ReadableInterop {
  constructor() {
    super(), this._values = [], this.resolvers = [], this._closedPromise = new Promise((r) => this._closedPromiseResolve = r);
  }
  get closed() {
    return this._closedPromise;
  }
  cancel(reason) {
    return __awaiter(this, void 0, void 0, function* () {
      yield this.return(reason);
    });
  }
  write(value) {
    this._ensureOpen() && (this.resolvers.length <= 0 ? this._values.push(value) : this.resolvers.shift().resolve({ done: !1, value }));
  }
  abort(value) {
    this._closedPromiseResolve && (this.resolvers.length <= 0 ? this._error = { error: value } : this.resolvers.shift().reject({ done: !0, value }));
  }
  close() {
    if (this._closedPromiseResolve) {
      let { resolvers } = this;
      for (; resolvers.length > 0; )
        resolvers.shift().resolve(ITERATOR_DONE);
      this._closedPromiseResolve(), this._closedPromiseResolve = void 0;
    }
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  toDOMStream(options) {
    return adapters_default.toDOMStream(this._closedPromiseResolve || this._error ? this : this._values, options);
  }
  toNodeStream(options) {
    return adapters_default.toNodeStream(this._closedPromiseResolve || this._error ? this : this._values, options);
  }
  throw(_) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.abort(_), ITERATOR_DONE;
    });
  }
  return(_) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.close(), ITERATOR_DONE;
    });
  }
  read(size) {
    return __awaiter(this, void 0, void 0, function* () {
      return (yield this.next(size, "read")).value;
    });
  }
  peek(size) {
    return __awaiter(this, void 0, void 0, function* () {
      return (yield this.next(size, "peek")).value;
    });
  }
  next(..._args) {
    return this._values.length > 0 ? Promise.resolve({ done: !1, value: this._values.shift() }) : this._error ? Promise.reject({ done: !0, value: this._error.error }) : this._closedPromiseResolve ? new Promise((resolve, reject) => {
      this.resolvers.push({ resolve, reject });
    }) : Promise.resolve(ITERATOR_DONE);
  }
  _ensureOpen() {
    if (this._closedPromiseResolve)
      return !0;
    throw new Error("AsyncQueue is closed");
  }
};

// node_modules/apache-arrow/io/stream.mjs
var AsyncByteQueue = class extends AsyncQueue {
  write(value) {
    if ((value = toUint8Array(value)).byteLength > 0)
      return super.write(value);
  }
  toString(sync = !1) {
    return sync ? decodeUtf8(this.toUint8Array(!0)) : this.toUint8Array(!1).then(decodeUtf8);
  }
  toUint8Array(sync = !1) {
    return sync ? joinUint8Arrays(this._values)[0] : __awaiter(this, void 0, void 0, function* () {
      var _a5, e_1, _b2, _c2;
      let buffers = [], byteLength = 0;
      try {
        for (var _d2 = !0, _e2 = __asyncValues(this), _f2; _f2 = yield _e2.next(), _a5 = _f2.done, !_a5; _d2 = !0) {
          _c2 = _f2.value, _d2 = !1;
          let chunk = _c2;
          buffers.push(chunk), byteLength += chunk.byteLength;
        }
      } catch (e_1_1) {
        e_1 = { error: e_1_1 };
      } finally {
        try {
          !_d2 && !_a5 && (_b2 = _e2.return) && (yield _b2.call(_e2));
        } finally {
          if (e_1) throw e_1.error;
        }
      }
      return joinUint8Arrays(buffers, byteLength)[0];
    });
  }
}, ByteStream = class {
  constructor(source) {
    source && (this.source = new ByteStreamSource(adapters_default.fromIterable(source)));
  }
  [Symbol.iterator]() {
    return this;
  }
  next(value) {
    return this.source.next(value);
  }
  throw(value) {
    return this.source.throw(value);
  }
  return(value) {
    return this.source.return(value);
  }
  peek(size) {
    return this.source.peek(size);
  }
  read(size) {
    return this.source.read(size);
  }
}, AsyncByteStream = class _AsyncByteStream {
  constructor(source) {
    source instanceof _AsyncByteStream ? this.source = source.source : source instanceof AsyncByteQueue ? this.source = new AsyncByteStreamSource(adapters_default.fromAsyncIterable(source)) : isReadableNodeStream(source) ? this.source = new AsyncByteStreamSource(adapters_default.fromNodeStream(source)) : isReadableDOMStream(source) ? this.source = new AsyncByteStreamSource(adapters_default.fromDOMStream(source)) : isFetchResponse(source) ? this.source = new AsyncByteStreamSource(adapters_default.fromDOMStream(source.body)) : isIterable(source) ? this.source = new AsyncByteStreamSource(adapters_default.fromIterable(source)) : isPromise(source) ? this.source = new AsyncByteStreamSource(adapters_default.fromAsyncIterable(source)) : isAsyncIterable(source) && (this.source = new AsyncByteStreamSource(adapters_default.fromAsyncIterable(source)));
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  next(value) {
    return this.source.next(value);
  }
  throw(value) {
    return this.source.throw(value);
  }
  return(value) {
    return this.source.return(value);
  }
  get closed() {
    return this.source.closed;
  }
  cancel(reason) {
    return this.source.cancel(reason);
  }
  peek(size) {
    return this.source.peek(size);
  }
  read(size) {
    return this.source.read(size);
  }
}, ByteStreamSource = class {
  constructor(source) {
    this.source = source;
  }
  cancel(reason) {
    this.return(reason);
  }
  peek(size) {
    return this.next(size, "peek").value;
  }
  read(size) {
    return this.next(size, "read").value;
  }
  next(size, cmd = "read") {
    return this.source.next({ cmd, size });
  }
  throw(value) {
    return Object.create(this.source.throw && this.source.throw(value) || ITERATOR_DONE);
  }
  return(value) {
    return Object.create(this.source.return && this.source.return(value) || ITERATOR_DONE);
  }
}, AsyncByteStreamSource = class {
  constructor(source) {
    this.source = source, this._closedPromise = new Promise((r) => this._closedPromiseResolve = r);
  }
  cancel(reason) {
    return __awaiter(this, void 0, void 0, function* () {
      yield this.return(reason);
    });
  }
  get closed() {
    return this._closedPromise;
  }
  read(size) {
    return __awaiter(this, void 0, void 0, function* () {
      return (yield this.next(size, "read")).value;
    });
  }
  peek(size) {
    return __awaiter(this, void 0, void 0, function* () {
      return (yield this.next(size, "peek")).value;
    });
  }
  next(size_1) {
    return __awaiter(this, arguments, void 0, function* (size, cmd = "read") {
      return yield this.source.next({ cmd, size });
    });
  }
  throw(value) {
    return __awaiter(this, void 0, void 0, function* () {
      let result = this.source.throw && (yield this.source.throw(value)) || ITERATOR_DONE;
      return this._closedPromiseResolve && this._closedPromiseResolve(), this._closedPromiseResolve = void 0, Object.create(result);
    });
  }
  return(value) {
    return __awaiter(this, void 0, void 0, function* () {
      let result = this.source.return && (yield this.source.return(value)) || ITERATOR_DONE;
      return this._closedPromiseResolve && this._closedPromiseResolve(), this._closedPromiseResolve = void 0, Object.create(result);
    });
  }
};

// node_modules/apache-arrow/io/file.mjs
var RandomAccessFile = class extends ByteStream {
  constructor(buffer, byteLength) {
    super(), this.position = 0, this.buffer = toUint8Array(buffer), this.size = byteLength === void 0 ? this.buffer.byteLength : byteLength;
  }
  readInt32(position) {
    let { buffer, byteOffset } = this.readAt(position, 4);
    return new DataView(buffer, byteOffset).getInt32(0, !0);
  }
  seek(position) {
    return this.position = Math.min(position, this.size), position < this.size;
  }
  read(nBytes) {
    let { buffer, size, position } = this;
    return buffer && position < size ? (typeof nBytes != "number" && (nBytes = Number.POSITIVE_INFINITY), this.position = Math.min(size, position + Math.min(size - position, nBytes)), buffer.subarray(position, this.position)) : null;
  }
  readAt(position, nBytes) {
    let buf = this.buffer, end = Math.min(this.size, position + nBytes);
    return buf ? buf.subarray(position, end) : new Uint8Array(nBytes);
  }
  close() {
    this.buffer && (this.buffer = null);
  }
  throw(value) {
    return this.close(), { done: !0, value };
  }
  return(value) {
    return this.close(), { done: !0, value };
  }
}, AsyncRandomAccessFile = class extends AsyncByteStream {
  constructor(file, byteLength) {
    super(), this.position = 0, this._handle = file, typeof byteLength == "number" ? this.size = byteLength : this._pending = __awaiter(this, void 0, void 0, function* () {
      this.size = (yield file.stat()).size, delete this._pending;
    });
  }
  readInt32(position) {
    return __awaiter(this, void 0, void 0, function* () {
      let { buffer, byteOffset } = yield this.readAt(position, 4);
      return new DataView(buffer, byteOffset).getInt32(0, !0);
    });
  }
  seek(position) {
    return __awaiter(this, void 0, void 0, function* () {
      return this._pending && (yield this._pending), this.position = Math.min(position, this.size), position < this.size;
    });
  }
  read(nBytes) {
    return __awaiter(this, void 0, void 0, function* () {
      this._pending && (yield this._pending);
      let { _handle: file, size, position } = this;
      if (file && position < size) {
        typeof nBytes != "number" && (nBytes = Number.POSITIVE_INFINITY);
        let pos = position, offset = 0, bytesRead = 0, end = Math.min(size, pos + Math.min(size - pos, nBytes)), buffer = new Uint8Array(Math.max(0, (this.position = end) - pos));
        for (; (pos += bytesRead) < end && (offset += bytesRead) < buffer.byteLength; )
          ({ bytesRead } = yield file.read(buffer, offset, buffer.byteLength - offset, pos));
        return buffer;
      }
      return null;
    });
  }
  readAt(position, nBytes) {
    return __awaiter(this, void 0, void 0, function* () {
      this._pending && (yield this._pending);
      let { _handle: file, size } = this;
      if (file && position + nBytes < size) {
        let end = Math.min(size, position + nBytes), buffer = new Uint8Array(end - position);
        return (yield file.read(buffer, 0, nBytes, position)).buffer;
      }
      return new Uint8Array(nBytes);
    });
  }
  close() {
    return __awaiter(this, void 0, void 0, function* () {
      let f = this._handle;
      this._handle = null, f && (yield f.close());
    });
  }
  throw(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.close(), { done: !0, value };
    });
  }
  return(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.close(), { done: !0, value };
    });
  }
};

// node_modules/apache-arrow/util/int.mjs
var int_exports = {};
__export(int_exports, {
  BaseInt64: () => BaseInt64,
  Int128: () => Int128,
  Int64: () => Int642,
  Uint64: () => Uint642
});
function intAsHex(value) {
  return value < 0 && (value = 4294967295 + value + 1), `0x${value.toString(16)}`;
}
var kInt32DecimalDigits = 8, kPowersOfTen = [
  1,
  10,
  100,
  1e3,
  1e4,
  1e5,
  1e6,
  1e7,
  1e8
], BaseInt64 = class {
  constructor(buffer) {
    this.buffer = buffer;
  }
  high() {
    return this.buffer[1];
  }
  low() {
    return this.buffer[0];
  }
  _times(other) {
    let L = new Uint32Array([
      this.buffer[1] >>> 16,
      this.buffer[1] & 65535,
      this.buffer[0] >>> 16,
      this.buffer[0] & 65535
    ]), R = new Uint32Array([
      other.buffer[1] >>> 16,
      other.buffer[1] & 65535,
      other.buffer[0] >>> 16,
      other.buffer[0] & 65535
    ]), product = L[3] * R[3];
    this.buffer[0] = product & 65535;
    let sum = product >>> 16;
    return product = L[2] * R[3], sum += product, product = L[3] * R[2] >>> 0, sum += product, this.buffer[0] += sum << 16, this.buffer[1] = sum >>> 0 < product ? 65536 : 0, this.buffer[1] += sum >>> 16, this.buffer[1] += L[1] * R[3] + L[2] * R[2] + L[3] * R[1], this.buffer[1] += L[0] * R[3] + L[1] * R[2] + L[2] * R[1] + L[3] * R[0] << 16, this;
  }
  _plus(other) {
    let sum = this.buffer[0] + other.buffer[0] >>> 0;
    this.buffer[1] += other.buffer[1], sum < this.buffer[0] >>> 0 && ++this.buffer[1], this.buffer[0] = sum;
  }
  lessThan(other) {
    return this.buffer[1] < other.buffer[1] || this.buffer[1] === other.buffer[1] && this.buffer[0] < other.buffer[0];
  }
  equals(other) {
    return this.buffer[1] === other.buffer[1] && this.buffer[0] == other.buffer[0];
  }
  greaterThan(other) {
    return other.lessThan(this);
  }
  hex() {
    return `${intAsHex(this.buffer[1])} ${intAsHex(this.buffer[0])}`;
  }
}, Uint642 = class _Uint64 extends BaseInt64 {
  times(other) {
    return this._times(other), this;
  }
  plus(other) {
    return this._plus(other), this;
  }
  /** @nocollapse */
  static from(val, out_buffer = new Uint32Array(2)) {
    return _Uint64.fromString(typeof val == "string" ? val : val.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromNumber(num, out_buffer = new Uint32Array(2)) {
    return _Uint64.fromString(num.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromString(str, out_buffer = new Uint32Array(2)) {
    let length = str.length, out = new _Uint64(out_buffer);
    for (let posn = 0; posn < length; ) {
      let group = kInt32DecimalDigits < length - posn ? kInt32DecimalDigits : length - posn, chunk = new _Uint64(new Uint32Array([Number.parseInt(str.slice(posn, posn + group), 10), 0])), multiple = new _Uint64(new Uint32Array([kPowersOfTen[group], 0]));
      out.times(multiple), out.plus(chunk), posn += group;
    }
    return out;
  }
  /** @nocollapse */
  static convertArray(values) {
    let data = new Uint32Array(values.length * 2);
    for (let i = -1, n = values.length; ++i < n; )
      _Uint64.from(values[i], new Uint32Array(data.buffer, data.byteOffset + 2 * i * 4, 2));
    return data;
  }
  /** @nocollapse */
  static multiply(left, right) {
    return new _Uint64(new Uint32Array(left.buffer)).times(right);
  }
  /** @nocollapse */
  static add(left, right) {
    return new _Uint64(new Uint32Array(left.buffer)).plus(right);
  }
}, Int642 = class _Int64 extends BaseInt64 {
  negate() {
    return this.buffer[0] = ~this.buffer[0] + 1, this.buffer[1] = ~this.buffer[1], this.buffer[0] == 0 && ++this.buffer[1], this;
  }
  times(other) {
    return this._times(other), this;
  }
  plus(other) {
    return this._plus(other), this;
  }
  lessThan(other) {
    let this_high = this.buffer[1] << 0, other_high = other.buffer[1] << 0;
    return this_high < other_high || this_high === other_high && this.buffer[0] < other.buffer[0];
  }
  /** @nocollapse */
  static from(val, out_buffer = new Uint32Array(2)) {
    return _Int64.fromString(typeof val == "string" ? val : val.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromNumber(num, out_buffer = new Uint32Array(2)) {
    return _Int64.fromString(num.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromString(str, out_buffer = new Uint32Array(2)) {
    let negate = str.startsWith("-"), length = str.length, out = new _Int64(out_buffer);
    for (let posn = negate ? 1 : 0; posn < length; ) {
      let group = kInt32DecimalDigits < length - posn ? kInt32DecimalDigits : length - posn, chunk = new _Int64(new Uint32Array([Number.parseInt(str.slice(posn, posn + group), 10), 0])), multiple = new _Int64(new Uint32Array([kPowersOfTen[group], 0]));
      out.times(multiple), out.plus(chunk), posn += group;
    }
    return negate ? out.negate() : out;
  }
  /** @nocollapse */
  static convertArray(values) {
    let data = new Uint32Array(values.length * 2);
    for (let i = -1, n = values.length; ++i < n; )
      _Int64.from(values[i], new Uint32Array(data.buffer, data.byteOffset + 2 * i * 4, 2));
    return data;
  }
  /** @nocollapse */
  static multiply(left, right) {
    return new _Int64(new Uint32Array(left.buffer)).times(right);
  }
  /** @nocollapse */
  static add(left, right) {
    return new _Int64(new Uint32Array(left.buffer)).plus(right);
  }
}, Int128 = class _Int128 {
  constructor(buffer) {
    this.buffer = buffer;
  }
  high() {
    return new Int642(new Uint32Array(this.buffer.buffer, this.buffer.byteOffset + 8, 2));
  }
  low() {
    return new Int642(new Uint32Array(this.buffer.buffer, this.buffer.byteOffset, 2));
  }
  negate() {
    return this.buffer[0] = ~this.buffer[0] + 1, this.buffer[1] = ~this.buffer[1], this.buffer[2] = ~this.buffer[2], this.buffer[3] = ~this.buffer[3], this.buffer[0] == 0 && ++this.buffer[1], this.buffer[1] == 0 && ++this.buffer[2], this.buffer[2] == 0 && ++this.buffer[3], this;
  }
  times(other) {
    let L0 = new Uint642(new Uint32Array([this.buffer[3], 0])), L1 = new Uint642(new Uint32Array([this.buffer[2], 0])), L2 = new Uint642(new Uint32Array([this.buffer[1], 0])), L3 = new Uint642(new Uint32Array([this.buffer[0], 0])), R0 = new Uint642(new Uint32Array([other.buffer[3], 0])), R1 = new Uint642(new Uint32Array([other.buffer[2], 0])), R2 = new Uint642(new Uint32Array([other.buffer[1], 0])), R3 = new Uint642(new Uint32Array([other.buffer[0], 0])), product = Uint642.multiply(L3, R3);
    this.buffer[0] = product.low();
    let sum = new Uint642(new Uint32Array([product.high(), 0]));
    return product = Uint642.multiply(L2, R3), sum.plus(product), product = Uint642.multiply(L3, R2), sum.plus(product), this.buffer[1] = sum.low(), this.buffer[3] = sum.lessThan(product) ? 1 : 0, this.buffer[2] = sum.high(), new Uint642(new Uint32Array(this.buffer.buffer, this.buffer.byteOffset + 8, 2)).plus(Uint642.multiply(L1, R3)).plus(Uint642.multiply(L2, R2)).plus(Uint642.multiply(L3, R1)), this.buffer[3] += Uint642.multiply(L0, R3).plus(Uint642.multiply(L1, R2)).plus(Uint642.multiply(L2, R1)).plus(Uint642.multiply(L3, R0)).low(), this;
  }
  plus(other) {
    let sums = new Uint32Array(4);
    return sums[3] = this.buffer[3] + other.buffer[3] >>> 0, sums[2] = this.buffer[2] + other.buffer[2] >>> 0, sums[1] = this.buffer[1] + other.buffer[1] >>> 0, sums[0] = this.buffer[0] + other.buffer[0] >>> 0, sums[0] < this.buffer[0] >>> 0 && ++sums[1], sums[1] < this.buffer[1] >>> 0 && ++sums[2], sums[2] < this.buffer[2] >>> 0 && ++sums[3], this.buffer[3] = sums[3], this.buffer[2] = sums[2], this.buffer[1] = sums[1], this.buffer[0] = sums[0], this;
  }
  hex() {
    return `${intAsHex(this.buffer[3])} ${intAsHex(this.buffer[2])} ${intAsHex(this.buffer[1])} ${intAsHex(this.buffer[0])}`;
  }
  /** @nocollapse */
  static multiply(left, right) {
    return new _Int128(new Uint32Array(left.buffer)).times(right);
  }
  /** @nocollapse */
  static add(left, right) {
    return new _Int128(new Uint32Array(left.buffer)).plus(right);
  }
  /** @nocollapse */
  static from(val, out_buffer = new Uint32Array(4)) {
    return _Int128.fromString(typeof val == "string" ? val : val.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromNumber(num, out_buffer = new Uint32Array(4)) {
    return _Int128.fromString(num.toString(), out_buffer);
  }
  /** @nocollapse */
  static fromString(str, out_buffer = new Uint32Array(4)) {
    let negate = str.startsWith("-"), length = str.length, out = new _Int128(out_buffer);
    for (let posn = negate ? 1 : 0; posn < length; ) {
      let group = kInt32DecimalDigits < length - posn ? kInt32DecimalDigits : length - posn, chunk = new _Int128(new Uint32Array([Number.parseInt(str.slice(posn, posn + group), 10), 0, 0, 0])), multiple = new _Int128(new Uint32Array([kPowersOfTen[group], 0, 0, 0]));
      out.times(multiple), out.plus(chunk), posn += group;
    }
    return negate ? out.negate() : out;
  }
  /** @nocollapse */
  static convertArray(values) {
    let data = new Uint32Array(values.length * 4);
    for (let i = -1, n = values.length; ++i < n; )
      _Int128.from(values[i], new Uint32Array(data.buffer, data.byteOffset + 16 * i, 4));
    return data;
  }
};

// node_modules/apache-arrow/util/interval.mjs
var interval_exports = {};
__export(interval_exports, {
  toIntervalDayTimeInt32Array: () => toIntervalDayTimeInt32Array,
  toIntervalDayTimeObjects: () => toIntervalDayTimeObjects,
  toIntervalMonthDayNanoInt32Array: () => toIntervalMonthDayNanoInt32Array,
  toIntervalMonthDayNanoObjects: () => toIntervalMonthDayNanoObjects
});
function toIntervalDayTimeInt32Array(objects) {
  var _a5, _b2;
  let length = objects.length, array = new Int32Array(length * 2);
  for (let oi = 0, ai = 0; oi < length; oi++) {
    let interval = objects[oi];
    array[ai++] = (_a5 = interval.days) !== null && _a5 !== void 0 ? _a5 : 0, array[ai++] = (_b2 = interval.milliseconds) !== null && _b2 !== void 0 ? _b2 : 0;
  }
  return array;
}
function toIntervalMonthDayNanoInt32Array(objects) {
  var _a5, _b2;
  let length = objects.length, data = new Int32Array(length * 4);
  for (let oi = 0, ai = 0; oi < length; oi++) {
    let interval = objects[oi];
    data[ai++] = (_a5 = interval.months) !== null && _a5 !== void 0 ? _a5 : 0, data[ai++] = (_b2 = interval.days) !== null && _b2 !== void 0 ? _b2 : 0;
    let nanoseconds = interval.nanoseconds;
    if (nanoseconds) {
      let ns = BigInt(nanoseconds);
      data[ai++] = Number(ns & BigInt(4294967295)) >>> 0, data[ai++] = Number(ns >> BigInt(32)) >>> 0;
    } else
      ai += 2;
  }
  return data;
}
function toIntervalDayTimeObjects(array) {
  let length = array.length, objects = new Array(length / 2);
  for (let ai = 0, oi = 0; ai < length; ai += 2)
    objects[oi++] = {
      days: array[ai],
      milliseconds: array[ai + 1]
    };
  return objects;
}
function toIntervalMonthDayNanoObjects(array, stringifyNano) {
  let length = array.length, objects = new Array(length / 4);
  for (let ai = 0, oi = 0; ai < length; ai += 4) {
    let nanoseconds = BigInt(array[ai + 3]) << BigInt(32) | BigInt(array[ai + 2] >>> 0);
    objects[oi++] = {
      months: array[ai],
      days: array[ai + 1],
      nanoseconds: stringifyNano ? `${nanoseconds}` : nanoseconds
    };
  }
  return objects;
}

// node_modules/apache-arrow/visitor/vectorloader.mjs
var VectorLoader = class extends Visitor {
  constructor(bytes, nodes, buffers, dictionaries, metadataVersion = MetadataVersion.V5, variadicBufferCounts = []) {
    super(), this.nodesIndex = -1, this.buffersIndex = -1, this.variadicBufferIndex = -1, this.bytes = bytes, this.nodes = nodes, this.buffers = buffers, this.dictionaries = dictionaries, this.metadataVersion = metadataVersion, this.variadicBufferCounts = variadicBufferCounts;
  }
  visit(node) {
    return super.visit(node instanceof Field2 ? node.type : node);
  }
  visitNull(type, { length } = this.nextFieldNode()) {
    return makeData({ type, length });
  }
  visitBool(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitInt(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitFloat(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitUtf8(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), data: this.readData(type) });
  }
  visitLargeUtf8(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), data: this.readData(type) });
  }
  visitUtf8View(type, { length, nullCount } = this.nextFieldNode()) {
    let nullBitmap = this.readNullBitmap(type, nullCount), views = this.readData(type), variadicBuffers = this.readVariadicBuffers(this.nextVariadicBufferCount());
    return makeData({
      type,
      length,
      nullCount,
      nullBitmap,
      views,
      variadicBuffers
    });
  }
  visitBinary(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), data: this.readData(type) });
  }
  visitLargeBinary(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), data: this.readData(type) });
  }
  visitBinaryView(type, { length, nullCount } = this.nextFieldNode()) {
    let nullBitmap = this.readNullBitmap(type, nullCount), views = this.readData(type), variadicBuffers = this.readVariadicBuffers(this.nextVariadicBufferCount());
    return makeData({
      type,
      length,
      nullCount,
      nullBitmap,
      views,
      variadicBuffers
    });
  }
  visitFixedSizeBinary(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitDate(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitTimestamp(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitTime(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitDecimal(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitList(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), child: this.visit(type.children[0]) });
  }
  visitLargeList(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), child: this.visit(type.children[0]) });
  }
  visitStruct(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), children: this.visitMany(type.children) });
  }
  visitUnion(type, { length, nullCount } = this.nextFieldNode()) {
    return this.metadataVersion < MetadataVersion.V5 && this.readNullBitmap(type, nullCount), type.mode === UnionMode.Sparse ? this.visitSparseUnion(type, { length, nullCount }) : this.visitDenseUnion(type, { length, nullCount });
  }
  visitDenseUnion(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, typeIds: this.readTypeIds(type), valueOffsets: this.readOffsets(type), children: this.visitMany(type.children) });
  }
  visitSparseUnion(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, typeIds: this.readTypeIds(type), children: this.visitMany(type.children) });
  }
  visitDictionary(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type.indices), dictionary: this.readDictionary(type) });
  }
  visitInterval(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitDuration(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), data: this.readData(type) });
  }
  visitFixedSizeList(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), child: this.visit(type.children[0]) });
  }
  visitMap(type, { length, nullCount } = this.nextFieldNode()) {
    return makeData({ type, length, nullCount, nullBitmap: this.readNullBitmap(type, nullCount), valueOffsets: this.readOffsets(type), child: this.visit(type.children[0]) });
  }
  nextFieldNode() {
    return this.nodes[++this.nodesIndex];
  }
  nextBufferRange() {
    return this.buffers[++this.buffersIndex];
  }
  readNullBitmap(type, nullCount, buffer = this.nextBufferRange()) {
    return nullCount > 0 && this.readData(type, buffer) || new Uint8Array(0);
  }
  readOffsets(type, buffer) {
    return this.readData(type, buffer);
  }
  readTypeIds(type, buffer) {
    return this.readData(type, buffer);
  }
  readData(_type, { length, offset } = this.nextBufferRange()) {
    return this.bytes.subarray(offset, offset + length);
  }
  readVariadicBuffers(length) {
    return Array.from({ length }, () => this.readData(null));
  }
  nextVariadicBufferCount() {
    var _a5;
    return (_a5 = this.variadicBufferCounts[++this.variadicBufferIndex]) !== null && _a5 !== void 0 ? _a5 : 0;
  }
  readDictionary(type) {
    return this.dictionaries.get(type.id);
  }
}, JSONVectorLoader = class extends VectorLoader {
  constructor(sources, nodes, buffers, dictionaries, metadataVersion, variadicBufferCounts = []) {
    super(new Uint8Array(0), nodes, buffers, dictionaries, metadataVersion, variadicBufferCounts), this.sources = sources;
  }
  readNullBitmap(_type, nullCount, { offset } = this.nextBufferRange()) {
    return nullCount <= 0 ? new Uint8Array(0) : packBools(this.sources[offset]);
  }
  readOffsets(_type, { offset } = this.nextBufferRange()) {
    return toArrayBufferView(Uint8Array, toArrayBufferView(_type.OffsetArrayType, this.sources[offset]));
  }
  readTypeIds(type, { offset } = this.nextBufferRange()) {
    return toArrayBufferView(Uint8Array, toArrayBufferView(type.ArrayType, this.sources[offset]));
  }
  readData(type, { offset } = this.nextBufferRange()) {
    let { sources } = this;
    if (DataType.isTimestamp(type))
      return toArrayBufferView(Uint8Array, Int642.convertArray(sources[offset]));
    if ((DataType.isInt(type) || DataType.isTime(type)) && type.bitWidth === 64 || DataType.isDuration(type))
      return toArrayBufferView(Uint8Array, Int642.convertArray(sources[offset]));
    if (DataType.isDate(type) && type.unit === DateUnit.MILLISECOND)
      return toArrayBufferView(Uint8Array, Int642.convertArray(sources[offset]));
    if (DataType.isDecimal(type))
      return toArrayBufferView(Uint8Array, Int128.convertArray(sources[offset]));
    if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type))
      return binaryDataFromJSON(sources[offset]);
    if (DataType.isBinaryView(type))
      return binaryViewDataFromJSON(sources[offset]);
    if (DataType.isUtf8View(type))
      return utf8ViewDataFromJSON(sources[offset]);
    if (DataType.isBool(type))
      return packBools(sources[offset]);
    if (DataType.isUtf8(type) || DataType.isLargeUtf8(type))
      return encodeUtf8(sources[offset].join(""));
    if (DataType.isInterval(type))
      switch (type.unit) {
        case IntervalUnit.DAY_TIME:
          return toIntervalDayTimeInt32Array(sources[offset]);
        case IntervalUnit.MONTH_DAY_NANO:
          return toIntervalMonthDayNanoInt32Array(sources[offset]);
        default:
          break;
      }
    return toArrayBufferView(Uint8Array, toArrayBufferView(type.ArrayType, sources[offset].map((x) => +x)));
  }
  readVariadicBuffers(length) {
    let buffers = [];
    for (let i = 0; i < length; i++) {
      let { offset } = this.nextBufferRange(), hexString = this.sources[offset];
      buffers.push(hexStringToBytes(hexString));
    }
    return buffers;
  }
};
function hexStringToBytes(hexString) {
  let data = new Uint8Array(hexString.length / 2);
  for (let i = 0; i < hexString.length; i += 2)
    data[i >> 1] = Number.parseInt(hexString.slice(i, i + 2), 16);
  return data;
}
function binaryDataFromJSON(values) {
  return hexStringToBytes(values.join(""));
}
function parseViewDataFromJSON(views, parseInlined) {
  let data = new Uint8Array(views.length * 16), dataView = new DataView(data.buffer);
  for (let [i, view] of views.entries()) {
    let offset = i * 16, size = view.SIZE;
    if (dataView.setInt32(offset, size, !0), view.INLINED !== void 0) {
      let bytes = parseInlined(view.INLINED);
      for (let j = 0; j < bytes.length && j < 12; j++)
        data[offset + 4 + j] = bytes[j];
    } else {
      let prefix = view.PREFIX_HEX;
      for (let j = 0; j < 8 && j < prefix.length; j += 2)
        data[offset + 4 + (j >> 1)] = Number.parseInt(prefix.slice(j, j + 2), 16);
      dataView.setInt32(offset + 8, view.BUFFER_INDEX, !0), dataView.setInt32(offset + 12, view.OFFSET, !0);
    }
  }
  return data;
}
function binaryViewDataFromJSON(views) {
  return parseViewDataFromJSON(views, (inlined) => {
    let bytes = new Uint8Array(inlined.length / 2);
    for (let i = 0; i < inlined.length; i += 2)
      bytes[i >> 1] = Number.parseInt(inlined.slice(i, i + 2), 16);
    return bytes;
  });
}
function utf8ViewDataFromJSON(views) {
  return parseViewDataFromJSON(views, (inlined) => new TextEncoder().encode(inlined));
}
var CompressedVectorLoader = class extends VectorLoader {
  constructor(bodyChunks, nodes, buffers, dictionaries, metadataVersion, variadicBufferCounts = []) {
    super(new Uint8Array(0), nodes, buffers, dictionaries, metadataVersion, variadicBufferCounts), this.bodyChunks = bodyChunks;
  }
  readData(_type, _buffer = this.nextBufferRange()) {
    return this.bodyChunks[this.buffersIndex];
  }
};

// node_modules/apache-arrow/builder/binary.mjs
var BinaryBuilder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._values = new BufferBuilder(Uint8Array);
  }
  get byteLength() {
    let size = this._pendingLength + this.length * 4;
    return this._offsets && (size += this._offsets.byteLength), this._values && (size += this._values.byteLength), this._nulls && (size += this._nulls.byteLength), size;
  }
  setValue(index, value) {
    return super.setValue(index, toUint8Array(value));
  }
  _flushPending(pending, pendingLength) {
    let offsets = this._offsets, data = this._values.reserve(pendingLength).buffer, offset = 0;
    for (let [index, value] of pending)
      if (value === void 0)
        offsets.set(index, 0);
      else {
        let length = value.length;
        data.set(value, offset), offsets.set(index, length), offset += length;
      }
  }
};

// node_modules/apache-arrow/builder/largebinary.mjs
var LargeBinaryBuilder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._values = new BufferBuilder(Uint8Array);
  }
  get byteLength() {
    let size = this._pendingLength + this.length * 4;
    return this._offsets && (size += this._offsets.byteLength), this._values && (size += this._values.byteLength), this._nulls && (size += this._nulls.byteLength), size;
  }
  setValue(index, value) {
    return super.setValue(index, toUint8Array(value));
  }
  _flushPending(pending, pendingLength) {
    let offsets = this._offsets, data = this._values.reserve(pendingLength).buffer, offset = 0;
    for (let [index, value] of pending)
      if (value === void 0)
        offsets.set(index, BigInt(0));
      else {
        let length = value.length;
        data.set(value, offset), offsets.set(index, BigInt(length)), offset += length;
      }
  }
};

// node_modules/apache-arrow/builder/bool.mjs
var BoolBuilder = class extends Builder {
  constructor(options) {
    super(options), this._values = new BitmapBufferBuilder();
  }
  setValue(index, value) {
    this._values.set(index, +value);
  }
};

// node_modules/apache-arrow/builder/date.mjs
var DateBuilder = class extends FixedWidthBuilder {
};
DateBuilder.prototype._setValue = setDate;
var DateDayBuilder = class extends DateBuilder {
};
DateDayBuilder.prototype._setValue = setDateDay;
var DateMillisecondBuilder = class extends DateBuilder {
};
DateMillisecondBuilder.prototype._setValue = setDateMillisecond;

// node_modules/apache-arrow/builder/decimal.mjs
var DecimalBuilder = class extends FixedWidthBuilder {
};
DecimalBuilder.prototype._setValue = setDecimal;

// node_modules/apache-arrow/builder/dictionary.mjs
var DictionaryBuilder = class extends Builder {
  constructor({ type, nullValues: nulls, dictionaryHashFunction: hashFn }) {
    super({ type: new Dictionary(type.dictionary, type.indices, type.id, type.isOrdered) }), this._nulls = null, this._dictionaryOffset = 0, this._keysToIndices = /* @__PURE__ */ Object.create(null), this.indices = makeBuilder({ type: this.type.indices, nullValues: nulls }), this.dictionary = makeBuilder({ type: this.type.dictionary, nullValues: null }), typeof hashFn == "function" && (this.valueToKey = hashFn);
  }
  get values() {
    return this.indices.values;
  }
  get nullCount() {
    return this.indices.nullCount;
  }
  get nullBitmap() {
    return this.indices.nullBitmap;
  }
  get byteLength() {
    return this.indices.byteLength + this.dictionary.byteLength;
  }
  get reservedLength() {
    return this.indices.reservedLength + this.dictionary.reservedLength;
  }
  get reservedByteLength() {
    return this.indices.reservedByteLength + this.dictionary.reservedByteLength;
  }
  isValid(value) {
    return this.indices.isValid(value);
  }
  setValid(index, valid) {
    let indices = this.indices;
    return valid = indices.setValid(index, valid), this.length = indices.length, valid;
  }
  setValue(index, value) {
    let keysToIndices = this._keysToIndices, key = this.valueToKey(value), idx = keysToIndices[key];
    return idx === void 0 && (keysToIndices[key] = idx = this._dictionaryOffset + this.dictionary.append(value).length - 1), this.indices.setValue(index, idx);
  }
  flush() {
    let type = this.type, prev = this._dictionary, curr = this.dictionary.toVector(), data = this.indices.flush().clone(type);
    return data.dictionary = prev ? prev.concat(curr) : curr, this.finished || (this._dictionaryOffset += curr.length), this._dictionary = data.dictionary, this.clear(), data;
  }
  finish() {
    return this.indices.finish(), this.dictionary.finish(), this._dictionaryOffset = 0, this._keysToIndices = /* @__PURE__ */ Object.create(null), super.finish();
  }
  clear() {
    return this.indices.clear(), this.dictionary.clear(), super.clear();
  }
  valueToKey(val) {
    return typeof val == "string" ? val : `${val}`;
  }
};

// node_modules/apache-arrow/builder/fixedsizebinary.mjs
var FixedSizeBinaryBuilder = class extends FixedWidthBuilder {
};
FixedSizeBinaryBuilder.prototype._setValue = setFixedSizeBinary;

// node_modules/apache-arrow/builder/fixedsizelist.mjs
var FixedSizeListBuilder = class extends Builder {
  setValue(index, value) {
    let [child] = this.children, start = index * this.stride;
    for (let i = -1, n = this.stride; ++i < n; )
      child.set(start + i, value[i]);
  }
  setValid(index, valid) {
    return super.setValid(index, valid) || this.children[0].setValid((index + 1) * this.stride - 1, !1), valid;
  }
  addChild(child, name = "0") {
    if (this.numChildren > 0)
      throw new Error("FixedSizeListBuilder can only have one child.");
    let childIndex = this.children.push(child);
    return this.type = new FixedSizeList2(this.type.listSize, new Field2(name, child.type, !0)), childIndex;
  }
};

// node_modules/apache-arrow/builder/float.mjs
var FloatBuilder = class extends FixedWidthBuilder {
  setValue(index, value) {
    this._values.set(index, value);
  }
}, Float16Builder = class extends FloatBuilder {
  setValue(index, value) {
    super.setValue(index, float64ToUint16(value));
  }
}, Float32Builder = class extends FloatBuilder {
}, Float64Builder = class extends FloatBuilder {
};

// node_modules/apache-arrow/builder/interval.mjs
var IntervalBuilder = class extends FixedWidthBuilder {
};
IntervalBuilder.prototype._setValue = setIntervalValue;
var IntervalDayTimeBuilder = class extends IntervalBuilder {
};
IntervalDayTimeBuilder.prototype._setValue = setIntervalDayTime;
var IntervalYearMonthBuilder = class extends IntervalBuilder {
};
IntervalYearMonthBuilder.prototype._setValue = setIntervalYearMonth;
var IntervalMonthDayNanoBuilder = class extends IntervalBuilder {
};
IntervalMonthDayNanoBuilder.prototype._setValue = setIntervalMonthDayNano;

// node_modules/apache-arrow/builder/duration.mjs
var DurationBuilder = class extends FixedWidthBuilder {
};
DurationBuilder.prototype._setValue = setDuration;
var DurationSecondBuilder = class extends DurationBuilder {
};
DurationSecondBuilder.prototype._setValue = setDurationSecond;
var DurationMillisecondBuilder = class extends DurationBuilder {
};
DurationMillisecondBuilder.prototype._setValue = setDurationMillisecond;
var DurationMicrosecondBuilder = class extends DurationBuilder {
};
DurationMicrosecondBuilder.prototype._setValue = setDurationMicrosecond;
var DurationNanosecondBuilder = class extends DurationBuilder {
};
DurationNanosecondBuilder.prototype._setValue = setDurationNanosecond;

// node_modules/apache-arrow/builder/int.mjs
var IntBuilder = class extends FixedWidthBuilder {
  setValue(index, value) {
    this._values.set(index, value);
  }
}, Int8Builder = class extends IntBuilder {
}, Int16Builder = class extends IntBuilder {
}, Int32Builder = class extends IntBuilder {
}, Int64Builder = class extends IntBuilder {
}, Uint8Builder = class extends IntBuilder {
}, Uint16Builder = class extends IntBuilder {
}, Uint32Builder = class extends IntBuilder {
}, Uint64Builder = class extends IntBuilder {
};

// node_modules/apache-arrow/builder/list.mjs
var ListBuilder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._offsets = new OffsetsBufferBuilder(opts.type);
  }
  addChild(child, name = "0") {
    if (this.numChildren > 0)
      throw new Error("ListBuilder can only have one child.");
    return this.children[this.numChildren] = child, this.type = new List2(new Field2(name, child.type, !0)), this.numChildren - 1;
  }
  _flushPending(pending) {
    let offsets = this._offsets, [child] = this.children;
    for (let [index, value] of pending)
      if (typeof value > "u")
        offsets.set(index, 0);
      else {
        let v = value, n = v.length, start = offsets.set(index, n).buffer[index];
        for (let i = -1; ++i < n; )
          child.set(start + i, v[i]);
      }
  }
};

// node_modules/apache-arrow/builder/largelist.mjs
var LargeListBuilder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._offsets = new OffsetsBufferBuilder(opts.type);
  }
  addChild(child, name = "0") {
    if (this.numChildren > 0)
      throw new Error("LargeListBuilder can only have one child.");
    return this.children[this.numChildren] = child, this.type = new LargeList2(new Field2(name, child.type, !0)), this.numChildren - 1;
  }
  _flushPending(pending) {
    let offsets = this._offsets, [child] = this.children;
    for (let [index, value] of pending)
      if (typeof value > "u")
        offsets.set(index, BigInt(0));
      else {
        let v = value, n = v.length, start = bigIntToNumber(offsets.set(index, BigInt(n)).buffer[index]);
        for (let i = -1; ++i < n; )
          child.set(start + i, v[i]);
      }
  }
};

// node_modules/apache-arrow/builder/map.mjs
var MapBuilder = class extends VariableWidthBuilder {
  set(index, value) {
    return super.set(index, value);
  }
  setValue(index, value) {
    let row = value instanceof Map ? value : new Map(Object.entries(value)), pending = this._pending || (this._pending = /* @__PURE__ */ new Map()), current = pending.get(index);
    current && (this._pendingLength -= current.size), this._pendingLength += row.size, pending.set(index, row);
  }
  addChild(child, name = `${this.numChildren}`) {
    if (this.numChildren > 0)
      throw new Error("ListBuilder can only have one child.");
    return this.children[this.numChildren] = child, this.type = new Map_(new Field2(name, child.type, !0), this.type.keysSorted), this.numChildren - 1;
  }
  _flushPending(pending) {
    let offsets = this._offsets, [child] = this.children;
    for (let [index, value] of pending)
      if (value === void 0)
        offsets.set(index, 0);
      else {
        let { [index]: idx, [index + 1]: end } = offsets.set(index, value.size).buffer;
        for (let val of value.entries())
          if (child.set(idx, val), ++idx >= end)
            break;
      }
  }
};

// node_modules/apache-arrow/builder/null.mjs
var NullBuilder = class extends Builder {
  // @ts-ignore
  setValue(index, value) {
  }
  setValid(index, valid) {
    return this.length = Math.max(index + 1, this.length), valid;
  }
};

// node_modules/apache-arrow/builder/struct.mjs
var StructBuilder = class extends Builder {
  setValue(index, value) {
    let { children, type } = this;
    switch (Array.isArray(value) || value.constructor) {
      case !0:
        return type.children.forEach((_, i) => children[i].set(index, value[i]));
      case Map:
        return type.children.forEach((f, i) => children[i].set(index, value.get(f.name)));
      default:
        return type.children.forEach((f, i) => children[i].set(index, value[f.name]));
    }
  }
  /** @inheritdoc */
  setValid(index, valid) {
    return super.setValid(index, valid) || this.children.forEach((child) => child.setValid(index, valid)), valid;
  }
  addChild(child, name = `${this.numChildren}`) {
    let childIndex = this.children.push(child);
    return this.type = new Struct([...this.type.children, new Field2(name, child.type, !0)]), childIndex;
  }
};

// node_modules/apache-arrow/builder/timestamp.mjs
var TimestampBuilder = class extends FixedWidthBuilder {
};
TimestampBuilder.prototype._setValue = setTimestamp;
var TimestampSecondBuilder = class extends TimestampBuilder {
};
TimestampSecondBuilder.prototype._setValue = setTimestampSecond;
var TimestampMillisecondBuilder = class extends TimestampBuilder {
};
TimestampMillisecondBuilder.prototype._setValue = setTimestampMillisecond;
var TimestampMicrosecondBuilder = class extends TimestampBuilder {
};
TimestampMicrosecondBuilder.prototype._setValue = setTimestampMicrosecond;
var TimestampNanosecondBuilder = class extends TimestampBuilder {
};
TimestampNanosecondBuilder.prototype._setValue = setTimestampNanosecond;

// node_modules/apache-arrow/builder/time.mjs
var TimeBuilder = class extends FixedWidthBuilder {
};
TimeBuilder.prototype._setValue = setTime;
var TimeSecondBuilder = class extends TimeBuilder {
};
TimeSecondBuilder.prototype._setValue = setTimeSecond;
var TimeMillisecondBuilder = class extends TimeBuilder {
};
TimeMillisecondBuilder.prototype._setValue = setTimeMillisecond;
var TimeMicrosecondBuilder = class extends TimeBuilder {
};
TimeMicrosecondBuilder.prototype._setValue = setTimeMicrosecond;
var TimeNanosecondBuilder = class extends TimeBuilder {
};
TimeNanosecondBuilder.prototype._setValue = setTimeNanosecond;

// node_modules/apache-arrow/builder/union.mjs
var UnionBuilder = class extends Builder {
  constructor(options) {
    super(options), this._typeIds = new DataBufferBuilder(Int8Array, 0, 1), typeof options.valueToChildTypeId == "function" && (this._valueToChildTypeId = options.valueToChildTypeId);
  }
  get typeIdToChildIndex() {
    return this.type.typeIdToChildIndex;
  }
  append(value, childTypeId) {
    return this.set(this.length, value, childTypeId);
  }
  set(index, value, childTypeId) {
    return childTypeId === void 0 && (childTypeId = this._valueToChildTypeId(this, value, index)), this.setValue(index, value, childTypeId), this;
  }
  setValue(index, value, childTypeId) {
    this._typeIds.set(index, childTypeId);
    let childIndex = this.type.typeIdToChildIndex[childTypeId], child = this.children[childIndex];
    child?.set(index, value), this.length = Math.max(index + 1, this.length);
  }
  addChild(child, name = `${this.children.length}`) {
    let childTypeId = this.children.push(child), { type: { children, mode, typeIds } } = this, fields = [...children, new Field2(name, child.type)];
    return this.type = new Union_(mode, [...typeIds, childTypeId], fields), childTypeId;
  }
  /** @ignore */
  // @ts-ignore
  _valueToChildTypeId(builder, value, offset) {
    throw new Error("Cannot map UnionBuilder value to child typeId. Pass the `childTypeId` as the second argument to unionBuilder.append(), or supply a `valueToChildTypeId` function as part of the UnionBuilder constructor options.");
  }
}, SparseUnionBuilder = class extends UnionBuilder {
}, DenseUnionBuilder = class extends UnionBuilder {
  constructor(options) {
    super(options), this._offsets = new DataBufferBuilder(Int32Array);
  }
  /** @ignore */
  setValue(index, value, childTypeId) {
    let id = this._typeIds.set(index, childTypeId).buffer[index], child = this.getChildAt(this.type.typeIdToChildIndex[id]), denseIndex = this._offsets.set(index, child.length).buffer[index];
    child?.set(denseIndex, value), this.length = Math.max(index + 1, this.length);
  }
};

// node_modules/apache-arrow/builder/utf8.mjs
var Utf8Builder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._values = new BufferBuilder(Uint8Array);
  }
  get byteLength() {
    let size = this._pendingLength + this.length * 4;
    return this._offsets && (size += this._offsets.byteLength), this._values && (size += this._values.byteLength), this._nulls && (size += this._nulls.byteLength), size;
  }
  setValue(index, value) {
    return super.setValue(index, encodeUtf8(value));
  }
  // @ts-ignore
  _flushPending(pending, pendingLength) {
  }
};
Utf8Builder.prototype._flushPending = BinaryBuilder.prototype._flushPending;

// node_modules/apache-arrow/builder/largeutf8.mjs
var LargeUtf8Builder = class extends VariableWidthBuilder {
  constructor(opts) {
    super(opts), this._values = new BufferBuilder(Uint8Array);
  }
  get byteLength() {
    let size = this._pendingLength + this.length * 4;
    return this._offsets && (size += this._offsets.byteLength), this._values && (size += this._values.byteLength), this._nulls && (size += this._nulls.byteLength), size;
  }
  setValue(index, value) {
    return super.setValue(index, encodeUtf8(value));
  }
  // @ts-ignore
  _flushPending(pending, pendingLength) {
  }
};
LargeUtf8Builder.prototype._flushPending = LargeBinaryBuilder.prototype._flushPending;

// node_modules/apache-arrow/builder/binaryview.mjs
var BinaryViewBuilder = class extends Builder {
  constructor(opts) {
    super(opts), this._variadicBuffers = [], this._currentBuffer = null, this._currentBufferIndex = 0, this._currentBufferOffset = 0, this._bufferSize = 32 * 1024 * 1024, this._views = new BufferBuilder(Uint8Array);
  }
  get byteLength() {
    let size = 0;
    this._views && (size += this._views.byteLength), this._nulls && (size += this._nulls.byteLength);
    for (let buffer of this._variadicBuffers)
      size += buffer.byteLength;
    return this._currentBuffer && (size += this._currentBuffer.byteLength), size;
  }
  setValue(index, value) {
    return this.writeBinaryValue(index, this.encodeValue(value));
  }
  writeBinaryValue(index, data) {
    let length = data.length, bytesNeeded = (index + 1) * BinaryView2.ELEMENT_WIDTH, currentBytes = this._views.length;
    bytesNeeded > currentBytes && this._views.reserve(bytesNeeded - currentBytes);
    let viewBuffer = this._views.buffer, viewOffset = index * BinaryView2.ELEMENT_WIDTH, view = new DataView(viewBuffer.buffer, viewBuffer.byteOffset + viewOffset, BinaryView2.ELEMENT_WIDTH);
    if (view.setInt32(BinaryView2.LENGTH_OFFSET, length, !0), length <= BinaryView2.INLINE_CAPACITY) {
      viewBuffer.set(data, viewOffset + BinaryView2.INLINE_OFFSET);
      for (let i = length; i < BinaryView2.INLINE_CAPACITY; i++)
        viewBuffer[viewOffset + BinaryView2.INLINE_OFFSET + i] = 0;
    } else {
      let prefix = new DataView(data.buffer, data.byteOffset, Math.min(4, length));
      view.setUint32(BinaryView2.INLINE_OFFSET, prefix.getUint32(0, !0), !0), (!this._currentBuffer || this._currentBufferOffset + length > this._bufferSize) && (this._currentBuffer && this._variadicBuffers.push(this._currentBuffer.buffer.slice(0, this._currentBufferOffset)), this._currentBuffer = new BufferBuilder(Uint8Array), this._currentBufferIndex = this._variadicBuffers.length, this._currentBufferOffset = 0), this._currentBuffer.reserve(length).buffer.set(data, this._currentBufferOffset), view.setInt32(BinaryView2.BUFFER_INDEX_OFFSET, this._currentBufferIndex, !0), view.setInt32(BinaryView2.BUFFER_OFFSET_OFFSET, this._currentBufferOffset, !0), this._currentBufferOffset += length;
    }
    return this;
  }
  encodeValue(value) {
    return toUint8Array(value);
  }
  setValid(index, isValid) {
    let bytesNeeded = (index + 1) * BinaryView2.ELEMENT_WIDTH, currentBytes = this._views.length;
    bytesNeeded > currentBytes && this._views.reserve(bytesNeeded - currentBytes);
    let result = super.setValid(index, isValid);
    if (!result) {
      let viewBuffer = this._views.buffer, viewOffset = index * BinaryView2.ELEMENT_WIDTH;
      for (let i = 0; i < BinaryView2.ELEMENT_WIDTH; i++)
        viewBuffer[viewOffset + i] = 0;
    }
    return result;
  }
  clear() {
    return this._variadicBuffers = [], this._currentBuffer = null, this._currentBufferIndex = 0, this._currentBufferOffset = 0, this._views.clear(), super.clear();
  }
  flush() {
    let { type, length, nullCount, _views, _nulls } = this;
    this._currentBuffer && this._currentBufferOffset > 0 && (this._variadicBuffers.push(this._currentBuffer.buffer.slice(0, this._currentBufferOffset)), this._currentBuffer = null, this._currentBufferOffset = 0);
    let views = _views.flush(length * BinaryView2.ELEMENT_WIDTH), nullBitmap = nullCount > 0 ? _nulls.flush(length) : void 0, variadicBuffers = this._variadicBuffers.slice();
    return this._variadicBuffers = [], this._currentBufferIndex = 0, this.clear(), makeData({
      type,
      length,
      nullCount,
      nullBitmap,
      views,
      variadicBuffers
    });
  }
  finish() {
    return this.finished = !0, this;
  }
};

// node_modules/apache-arrow/builder/utf8view.mjs
var Utf8ViewBuilder = class extends BinaryViewBuilder {
  constructor(opts) {
    super(opts);
  }
  setValue(index, value) {
    return this.writeBinaryValue(index, encodeUtf8(value));
  }
};

// node_modules/apache-arrow/visitor/builderctor.mjs
var GetBuilderCtor = class extends Visitor {
  visitNull() {
    return NullBuilder;
  }
  visitBool() {
    return BoolBuilder;
  }
  visitInt() {
    return IntBuilder;
  }
  visitInt8() {
    return Int8Builder;
  }
  visitInt16() {
    return Int16Builder;
  }
  visitInt32() {
    return Int32Builder;
  }
  visitInt64() {
    return Int64Builder;
  }
  visitUint8() {
    return Uint8Builder;
  }
  visitUint16() {
    return Uint16Builder;
  }
  visitUint32() {
    return Uint32Builder;
  }
  visitUint64() {
    return Uint64Builder;
  }
  visitFloat() {
    return FloatBuilder;
  }
  visitFloat16() {
    return Float16Builder;
  }
  visitFloat32() {
    return Float32Builder;
  }
  visitFloat64() {
    return Float64Builder;
  }
  visitUtf8() {
    return Utf8Builder;
  }
  visitLargeUtf8() {
    return LargeUtf8Builder;
  }
  visitBinary() {
    return BinaryBuilder;
  }
  visitLargeBinary() {
    return LargeBinaryBuilder;
  }
  visitFixedSizeBinary() {
    return FixedSizeBinaryBuilder;
  }
  visitDate() {
    return DateBuilder;
  }
  visitDateDay() {
    return DateDayBuilder;
  }
  visitDateMillisecond() {
    return DateMillisecondBuilder;
  }
  visitTimestamp() {
    return TimestampBuilder;
  }
  visitTimestampSecond() {
    return TimestampSecondBuilder;
  }
  visitTimestampMillisecond() {
    return TimestampMillisecondBuilder;
  }
  visitTimestampMicrosecond() {
    return TimestampMicrosecondBuilder;
  }
  visitTimestampNanosecond() {
    return TimestampNanosecondBuilder;
  }
  visitTime() {
    return TimeBuilder;
  }
  visitTimeSecond() {
    return TimeSecondBuilder;
  }
  visitTimeMillisecond() {
    return TimeMillisecondBuilder;
  }
  visitTimeMicrosecond() {
    return TimeMicrosecondBuilder;
  }
  visitTimeNanosecond() {
    return TimeNanosecondBuilder;
  }
  visitDecimal() {
    return DecimalBuilder;
  }
  visitList() {
    return ListBuilder;
  }
  visitLargeList() {
    return LargeListBuilder;
  }
  visitStruct() {
    return StructBuilder;
  }
  visitUnion() {
    return UnionBuilder;
  }
  visitDenseUnion() {
    return DenseUnionBuilder;
  }
  visitSparseUnion() {
    return SparseUnionBuilder;
  }
  visitDictionary() {
    return DictionaryBuilder;
  }
  visitInterval() {
    return IntervalBuilder;
  }
  visitIntervalDayTime() {
    return IntervalDayTimeBuilder;
  }
  visitIntervalYearMonth() {
    return IntervalYearMonthBuilder;
  }
  visitIntervalMonthDayNano() {
    return IntervalMonthDayNanoBuilder;
  }
  visitDuration() {
    return DurationBuilder;
  }
  visitDurationSecond() {
    return DurationSecondBuilder;
  }
  visitDurationMillisecond() {
    return DurationMillisecondBuilder;
  }
  visitDurationMicrosecond() {
    return DurationMicrosecondBuilder;
  }
  visitDurationNanosecond() {
    return DurationNanosecondBuilder;
  }
  visitFixedSizeList() {
    return FixedSizeListBuilder;
  }
  visitMap() {
    return MapBuilder;
  }
  visitBinaryView() {
    return BinaryViewBuilder;
  }
  visitUtf8View() {
    return Utf8ViewBuilder;
  }
}, instance6 = new GetBuilderCtor();

// node_modules/apache-arrow/visitor/typecomparator.mjs
var TypeComparator = class extends Visitor {
  compareSchemas(schema, other) {
    return schema === other || other instanceof schema.constructor && this.compareManyFields(schema.fields, other.fields);
  }
  compareManyFields(fields, others) {
    return fields === others || Array.isArray(fields) && Array.isArray(others) && fields.length === others.length && fields.every((f, i) => this.compareFields(f, others[i]));
  }
  compareFields(field, other) {
    return field === other || other instanceof field.constructor && field.name === other.name && field.nullable === other.nullable && this.visit(field.type, other.type);
  }
};
function compareConstructor(type, other) {
  return other instanceof type.constructor;
}
function compareAny(type, other) {
  return type === other || compareConstructor(type, other);
}
function compareInt(type, other) {
  return type === other || compareConstructor(type, other) && type.bitWidth === other.bitWidth && type.isSigned === other.isSigned;
}
function compareFloat(type, other) {
  return type === other || compareConstructor(type, other) && type.precision === other.precision;
}
function compareFixedSizeBinary(type, other) {
  return type === other || compareConstructor(type, other) && type.byteWidth === other.byteWidth;
}
function compareDate(type, other) {
  return type === other || compareConstructor(type, other) && type.unit === other.unit;
}
function compareTimestamp(type, other) {
  return type === other || compareConstructor(type, other) && type.unit === other.unit && type.timezone === other.timezone;
}
function compareTime(type, other) {
  return type === other || compareConstructor(type, other) && type.unit === other.unit && type.bitWidth === other.bitWidth;
}
function compareList(type, other) {
  return type === other || compareConstructor(type, other) && type.children.length === other.children.length && instance7.compareManyFields(type.children, other.children);
}
function compareStruct(type, other) {
  return type === other || compareConstructor(type, other) && type.children.length === other.children.length && instance7.compareManyFields(type.children, other.children);
}
function compareUnion(type, other) {
  return type === other || compareConstructor(type, other) && type.mode === other.mode && type.typeIds.every((x, i) => x === other.typeIds[i]) && instance7.compareManyFields(type.children, other.children);
}
function compareDictionary(type, other) {
  return type === other || compareConstructor(type, other) && type.id === other.id && type.isOrdered === other.isOrdered && instance7.visit(type.indices, other.indices) && instance7.visit(type.dictionary, other.dictionary);
}
function compareInterval(type, other) {
  return type === other || compareConstructor(type, other) && type.unit === other.unit;
}
function compareDuration(type, other) {
  return type === other || compareConstructor(type, other) && type.unit === other.unit;
}
function compareFixedSizeList(type, other) {
  return type === other || compareConstructor(type, other) && type.listSize === other.listSize && type.children.length === other.children.length && instance7.compareManyFields(type.children, other.children);
}
function compareMap(type, other) {
  return type === other || compareConstructor(type, other) && type.keysSorted === other.keysSorted && type.children.length === other.children.length && instance7.compareManyFields(type.children, other.children);
}
TypeComparator.prototype.visitNull = compareAny;
TypeComparator.prototype.visitBool = compareAny;
TypeComparator.prototype.visitInt = compareInt;
TypeComparator.prototype.visitInt8 = compareInt;
TypeComparator.prototype.visitInt16 = compareInt;
TypeComparator.prototype.visitInt32 = compareInt;
TypeComparator.prototype.visitInt64 = compareInt;
TypeComparator.prototype.visitUint8 = compareInt;
TypeComparator.prototype.visitUint16 = compareInt;
TypeComparator.prototype.visitUint32 = compareInt;
TypeComparator.prototype.visitUint64 = compareInt;
TypeComparator.prototype.visitFloat = compareFloat;
TypeComparator.prototype.visitFloat16 = compareFloat;
TypeComparator.prototype.visitFloat32 = compareFloat;
TypeComparator.prototype.visitFloat64 = compareFloat;
TypeComparator.prototype.visitUtf8 = compareAny;
TypeComparator.prototype.visitLargeUtf8 = compareAny;
TypeComparator.prototype.visitUtf8View = compareAny;
TypeComparator.prototype.visitBinary = compareAny;
TypeComparator.prototype.visitLargeBinary = compareAny;
TypeComparator.prototype.visitBinaryView = compareAny;
TypeComparator.prototype.visitFixedSizeBinary = compareFixedSizeBinary;
TypeComparator.prototype.visitDate = compareDate;
TypeComparator.prototype.visitDateDay = compareDate;
TypeComparator.prototype.visitDateMillisecond = compareDate;
TypeComparator.prototype.visitTimestamp = compareTimestamp;
TypeComparator.prototype.visitTimestampSecond = compareTimestamp;
TypeComparator.prototype.visitTimestampMillisecond = compareTimestamp;
TypeComparator.prototype.visitTimestampMicrosecond = compareTimestamp;
TypeComparator.prototype.visitTimestampNanosecond = compareTimestamp;
TypeComparator.prototype.visitTime = compareTime;
TypeComparator.prototype.visitTimeSecond = compareTime;
TypeComparator.prototype.visitTimeMillisecond = compareTime;
TypeComparator.prototype.visitTimeMicrosecond = compareTime;
TypeComparator.prototype.visitTimeNanosecond = compareTime;
TypeComparator.prototype.visitDecimal = compareAny;
TypeComparator.prototype.visitList = compareList;
TypeComparator.prototype.visitLargeList = compareList;
TypeComparator.prototype.visitStruct = compareStruct;
TypeComparator.prototype.visitUnion = compareUnion;
TypeComparator.prototype.visitDenseUnion = compareUnion;
TypeComparator.prototype.visitSparseUnion = compareUnion;
TypeComparator.prototype.visitDictionary = compareDictionary;
TypeComparator.prototype.visitInterval = compareInterval;
TypeComparator.prototype.visitIntervalDayTime = compareInterval;
TypeComparator.prototype.visitIntervalYearMonth = compareInterval;
TypeComparator.prototype.visitIntervalMonthDayNano = compareInterval;
TypeComparator.prototype.visitDuration = compareDuration;
TypeComparator.prototype.visitDurationSecond = compareDuration;
TypeComparator.prototype.visitDurationMillisecond = compareDuration;
TypeComparator.prototype.visitDurationMicrosecond = compareDuration;
TypeComparator.prototype.visitDurationNanosecond = compareDuration;
TypeComparator.prototype.visitFixedSizeList = compareFixedSizeList;
TypeComparator.prototype.visitMap = compareMap;
var instance7 = new TypeComparator();
function compareSchemas(schema, other) {
  return instance7.compareSchemas(schema, other);
}
function compareFields(field, other) {
  return instance7.compareFields(field, other);
}
function compareTypes(type, other) {
  return instance7.visit(type, other);
}

// node_modules/apache-arrow/factories.mjs
function makeBuilder(options) {
  let type = options.type, builder = new (instance6.getVisitFn(type)())(options);
  if (type.children && type.children.length > 0) {
    let children = options.children || [], defaultOptions = { nullValues: options.nullValues }, getChildOptions = Array.isArray(children) ? ((_, i) => children[i] || defaultOptions) : (({ name }) => children[name] || defaultOptions);
    for (let [index, field] of type.children.entries()) {
      let { type: type2 } = field, opts = getChildOptions(field, index);
      builder.children.push(makeBuilder(Object.assign(Object.assign({}, opts), { type: type2 })));
    }
  }
  return builder;
}
function vectorFromArray(init, type) {
  if (init instanceof Data || init instanceof Vector || init.type instanceof DataType || ArrayBuffer.isView(init))
    return makeVector(init);
  let options = { type: type ?? inferType(init), nullValues: [null] }, chunks = [...builderThroughIterable(options)(init)], vector = chunks.length === 1 ? chunks[0] : chunks.reduce((a, b) => a.concat(b));
  return DataType.isDictionary(vector.type) ? vector.memoize() : vector;
}
function tableFromJSON(array) {
  let vector = vectorFromArray(array), batch = new RecordBatch3(new Schema2(vector.type.children), vector.data[0]);
  return new Table(batch);
}
function inferType(value) {
  if (value.length === 0)
    return new Null2();
  let nullsCount = 0, arraysCount = 0, objectsCount = 0, numbersCount = 0, stringsCount = 0, bigintsCount = 0, booleansCount = 0, datesCount = 0;
  for (let val of value) {
    if (val == null) {
      ++nullsCount;
      continue;
    }
    switch (typeof val) {
      case "bigint":
        ++bigintsCount;
        continue;
      case "boolean":
        ++booleansCount;
        continue;
      case "number":
        ++numbersCount;
        continue;
      case "string":
        ++stringsCount;
        continue;
      case "object":
        Array.isArray(val) ? ++arraysCount : Object.prototype.toString.call(val) === "[object Date]" ? ++datesCount : ++objectsCount;
        continue;
    }
    throw new TypeError("Unable to infer Vector type from input values, explicit type declaration expected.");
  }
  if (numbersCount + nullsCount === value.length)
    return new Float64();
  if (stringsCount + nullsCount === value.length)
    return new Dictionary(new Utf82(), new Int32());
  if (bigintsCount + nullsCount === value.length)
    return new Int64();
  if (booleansCount + nullsCount === value.length)
    return new Bool2();
  if (datesCount + nullsCount === value.length)
    return new TimestampMillisecond();
  if (arraysCount + nullsCount === value.length) {
    let array = value, childType = inferType(array[array.findIndex((ary) => ary != null)]);
    if (array.every((ary) => ary == null || compareTypes(childType, inferType(ary))))
      return new List2(new Field2("", childType, !0));
  } else if (objectsCount + nullsCount === value.length) {
    let fields = /* @__PURE__ */ new Map();
    for (let row of value)
      for (let key of Object.keys(row))
        !fields.has(key) && row[key] != null && fields.set(key, new Field2(key, inferType([row[key]]), !0));
    return new Struct([...fields.values()]);
  }
  throw new TypeError("Unable to infer Vector type from input values, explicit type declaration expected.");
}
function builderThroughIterable(options) {
  let { ["queueingStrategy"]: queueingStrategy = "count" } = options, { ["highWaterMark"]: highWaterMark = queueingStrategy !== "bytes" ? Number.POSITIVE_INFINITY : Math.pow(2, 14) } = options, sizeProperty = queueingStrategy !== "bytes" ? "length" : "byteLength";
  return function* (source) {
    let numChunks = 0, builder = makeBuilder(options);
    for (let value of source)
      builder.append(value)[sizeProperty] >= highWaterMark && ++numChunks && (yield builder.toVector());
    (builder.finish().length > 0 || numChunks === 0) && (yield builder.toVector());
  };
}
function builderThroughAsyncIterable(options) {
  let { ["queueingStrategy"]: queueingStrategy = "count" } = options, { ["highWaterMark"]: highWaterMark = queueingStrategy !== "bytes" ? Number.POSITIVE_INFINITY : Math.pow(2, 14) } = options, sizeProperty = queueingStrategy !== "bytes" ? "length" : "byteLength";
  return function(source) {
    return __asyncGenerator(this, arguments, function* () {
      var _a5, e_1, _b2, _c2;
      let numChunks = 0, builder = makeBuilder(options);
      try {
        for (var _d2 = !0, source_1 = __asyncValues(source), source_1_1; source_1_1 = yield __await(source_1.next()), _a5 = source_1_1.done, !_a5; _d2 = !0) {
          _c2 = source_1_1.value, _d2 = !1;
          let value = _c2;
          builder.append(value)[sizeProperty] >= highWaterMark && ++numChunks && (yield yield __await(builder.toVector()));
        }
      } catch (e_1_1) {
        e_1 = { error: e_1_1 };
      } finally {
        try {
          !_d2 && !_a5 && (_b2 = source_1.return) && (yield __await(_b2.call(source_1)));
        } finally {
          if (e_1) throw e_1.error;
        }
      }
      (builder.finish().length > 0 || numChunks === 0) && (yield yield __await(builder.toVector()));
    });
  };
}

// node_modules/apache-arrow/util/recordbatch.mjs
function distributeVectorsIntoRecordBatches(schema, vecs) {
  return uniformlyDistributeChunksAcrossRecordBatches(schema, vecs.map((v) => v.data.concat()));
}
function uniformlyDistributeChunksAcrossRecordBatches(schema, cols) {
  let fields = [...schema.fields], batches = [], memo = { numBatches: cols.reduce((n, c) => Math.max(n, c.length), 0) }, numBatches = 0, batchLength = 0, i = -1, numColumns = cols.length, child, children = [];
  for (; memo.numBatches-- > 0; ) {
    for (batchLength = Number.POSITIVE_INFINITY, i = -1; ++i < numColumns; )
      children[i] = child = cols[i].shift(), batchLength = Math.min(batchLength, child ? child.length : batchLength);
    Number.isFinite(batchLength) && (children = distributeChildren(fields, batchLength, children, cols, memo), batchLength > 0 && (batches[numBatches++] = makeData({
      type: new Struct(fields),
      length: batchLength,
      nullCount: 0,
      children: children.slice()
    })));
  }
  return [
    schema = schema.assign(fields),
    batches.map((data) => new RecordBatch3(schema, data))
  ];
}
function distributeChildren(fields, batchLength, children, columns, memo) {
  var _a5;
  let nullBitmapSize = (batchLength + 63 & -64) >> 3;
  for (let i = -1, n = columns.length; ++i < n; ) {
    let child = children[i], length = child?.length;
    if (length >= batchLength)
      length === batchLength ? children[i] = child : (children[i] = child.slice(0, batchLength), memo.numBatches = Math.max(memo.numBatches, columns[i].unshift(child.slice(batchLength, length - batchLength))));
    else {
      let field = fields[i];
      fields[i] = field.clone({ nullable: !0 }), children[i] = (_a5 = child?._changeLengthAndBackfillNullBitmap(batchLength)) !== null && _a5 !== void 0 ? _a5 : makeData({
        type: field.type,
        length: batchLength,
        nullCount: batchLength,
        nullBitmap: new Uint8Array(nullBitmapSize)
      });
    }
  }
  return children;
}

// node_modules/apache-arrow/table.mjs
var _a3, kTableSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/Table"), Table = class _Table {
  /**
   * Check if an object is an instance of Table.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isTable(x) {
    return x?.[kTableSymbol] === !0;
  }
  constructor(...args) {
    var _b2, _c2;
    if (args.length === 0)
      return this.batches = [], this.schema = new Schema2([]), this._offsets = [0], this;
    let schema, offsets;
    args[0] instanceof Schema2 && (schema = args.shift()), args.at(-1) instanceof Uint32Array && (offsets = args.pop());
    let unwrap = (x) => {
      if (x) {
        if (x instanceof RecordBatch3)
          return [x];
        if (x instanceof _Table)
          return x.batches;
        if (x instanceof Data) {
          if (x.type instanceof Struct)
            return [new RecordBatch3(new Schema2(x.type.children), x)];
        } else {
          if (Array.isArray(x))
            return x.flatMap((v) => unwrap(v));
          if (typeof x[Symbol.iterator] == "function")
            return [...x].flatMap((v) => unwrap(v));
          if (typeof x == "object") {
            let keys = Object.keys(x), vecs = keys.map((k) => new Vector([x[k]])), batchSchema = schema ?? new Schema2(keys.map((k, i) => new Field2(String(k), vecs[i].type, vecs[i].nullable))), [, batches2] = distributeVectorsIntoRecordBatches(batchSchema, vecs);
            return batches2.length === 0 ? [new RecordBatch3(x)] : batches2;
          }
        }
      }
      return [];
    }, batches = args.flatMap((v) => unwrap(v));
    if (schema = (_c2 = schema ?? ((_b2 = batches[0]) === null || _b2 === void 0 ? void 0 : _b2.schema)) !== null && _c2 !== void 0 ? _c2 : new Schema2([]), !(schema instanceof Schema2))
      throw new TypeError("Table constructor expects a [Schema, RecordBatch[]] pair.");
    for (let batch of batches) {
      if (!(batch instanceof RecordBatch3))
        throw new TypeError("Table constructor expects a [Schema, RecordBatch[]] pair.");
      if (!compareSchemas(schema, batch.schema))
        throw new TypeError("Table and inner RecordBatch schemas must be equivalent.");
    }
    this.schema = schema, this.batches = batches, this._offsets = offsets ?? computeChunkOffsets(this.data);
  }
  /**
   * The contiguous {@link RecordBatch `RecordBatch`} chunks of the Table rows.
   */
  get data() {
    return this.batches.map(({ data }) => data);
  }
  /**
   * The number of columns in this Table.
   */
  get numCols() {
    return this.schema.fields.length;
  }
  /**
   * The number of rows in this Table.
   */
  get numRows() {
    return this.data.reduce((numRows, data) => numRows + data.length, 0);
  }
  /**
   * The number of null rows in this Table.
   */
  get nullCount() {
    return this._nullCount === -1 && (this._nullCount = computeChunkNullCounts(this.data)), this._nullCount;
  }
  /**
   * Check whether an element is null.
   *
   * @param index The index at which to read the validity bitmap.
   */
  // @ts-ignore
  isValid(index) {
    return !1;
  }
  /**
   * Get an element value by position.
   *
   * @param index The index of the element to read.
   */
  // @ts-ignore
  get(index) {
    return null;
  }
  /**
    * Get an element value by position.
    * @param index The index of the element to read. A negative index will count back from the last element.
    */
  // @ts-ignore
  at(index) {
    return this.get(wrapIndex(index, this.numRows));
  }
  /**
   * Set an element value by position.
   *
   * @param index The index of the element to write.
   * @param value The value to set.
   */
  // @ts-ignore
  set(index, value) {
  }
  /**
   * Retrieve the index of the first occurrence of a value in an Vector.
   *
   * @param element The value to locate in the Vector.
   * @param offset The index at which to begin the search. If offset is omitted, the search starts at index 0.
   */
  // @ts-ignore
  indexOf(element, offset) {
    return -1;
  }
  /**
   * Iterator for rows in this Table.
   */
  [Symbol.iterator]() {
    return this.batches.length > 0 ? instance4.visit(new Vector(this.data)) : new Array(0)[Symbol.iterator]();
  }
  /**
   * Return a JavaScript Array of the Table rows.
   *
   * @returns An Array of Table rows.
   */
  toArray() {
    return [...this];
  }
  /**
   * Returns a string representation of the Table rows.
   *
   * @returns A string representation of the Table rows.
   */
  toString() {
    return `[
  ${this.toArray().join(`,
  `)}
]`;
  }
  /**
   * Combines two or more Tables of the same schema.
   *
   * @param others Additional Tables to add to the end of this Tables.
   */
  concat(...others) {
    let schema = this.schema, data = this.data.concat(others.flatMap(({ data: data2 }) => data2));
    return new _Table(schema, data.map((data2) => new RecordBatch3(schema, data2)));
  }
  /**
   * Return a zero-copy sub-section of this Table.
   *
   * @param begin The beginning of the specified portion of the Table.
   * @param end The end of the specified portion of the Table. This is exclusive of the element at the index 'end'.
   */
  slice(begin, end) {
    let schema = this.schema;
    [begin, end] = clampRange({ length: this.numRows }, begin, end);
    let data = sliceChunks(this.data, this._offsets, begin, end);
    return new _Table(schema, data.map((chunk) => new RecordBatch3(schema, chunk)));
  }
  /**
   * Returns a child Vector by name, or null if this Vector has no child with the given name.
   *
   * @param name The name of the child to retrieve.
   */
  getChild(name) {
    return this.getChildAt(this.schema.fields.findIndex((f) => f.name === name));
  }
  /**
   * Returns a child Vector by index, or null if this Vector has no child at the supplied index.
   *
   * @param index The index of the child to retrieve.
   */
  getChildAt(index) {
    if (index > -1 && index < this.schema.fields.length) {
      let data = this.data.map((data2) => data2.children[index]);
      if (data.length === 0) {
        let { type } = this.schema.fields[index], empty = makeData({ type, length: 0, nullCount: 0 });
        data.push(empty._changeLengthAndBackfillNullBitmap(this.numRows));
      }
      return new Vector(data);
    }
    return null;
  }
  /**
   * Sets a child Vector by name.
   *
   * @param name The name of the child to overwrite.
   * @returns A new Table with the supplied child for the specified name.
   */
  setChild(name, child) {
    var _b2;
    return this.setChildAt((_b2 = this.schema.fields) === null || _b2 === void 0 ? void 0 : _b2.findIndex((f) => f.name === name), child);
  }
  setChildAt(index, child) {
    let schema = this.schema, batches = [...this.batches];
    if (index > -1 && index < this.numCols) {
      child || (child = new Vector([makeData({ type: new Null2(), length: this.numRows })]));
      let fields = schema.fields.slice(), field = fields[index].clone({ type: child.type }), children = this.schema.fields.map((_, i) => this.getChildAt(i));
      [fields[index], children[index]] = [field, child], [schema, batches] = distributeVectorsIntoRecordBatches(schema, children);
    }
    return new _Table(schema, batches);
  }
  /**
   * Construct a new Table containing only specified columns.
   *
   * @param columnNames Names of columns to keep.
   * @returns A new Table of columns matching the specified names.
   */
  select(columnNames) {
    let nameToIndex = this.schema.fields.reduce((m, f, i) => m.set(f.name, i), /* @__PURE__ */ new Map());
    return this.selectAt(columnNames.map((columnName) => nameToIndex.get(columnName)).filter((x) => x > -1));
  }
  /**
   * Construct a new Table containing only columns at the specified indices.
   *
   * @param columnIndices Indices of columns to keep.
   * @returns A new Table of columns at the specified indices.
   */
  selectAt(columnIndices) {
    let schema = this.schema.selectAt(columnIndices), data = this.batches.map((batch) => batch.selectAt(columnIndices));
    return new _Table(schema, data);
  }
  assign(other) {
    let fields = this.schema.fields, [indices, oldToNew] = other.schema.fields.reduce((memo, f2, newIdx) => {
      let [indices2, oldToNew2] = memo, i = fields.findIndex((f) => f.name === f2.name);
      return ~i ? oldToNew2[i] = newIdx : indices2.push(newIdx), memo;
    }, [[], []]), schema = this.schema.assign(other.schema), columns = [
      ...fields.map((_, i) => [i, oldToNew[i]]).map(([i, j]) => j === void 0 ? this.getChildAt(i) : other.getChildAt(j)),
      ...indices.map((i) => other.getChildAt(i))
    ].filter(Boolean);
    return new _Table(...distributeVectorsIntoRecordBatches(schema, columns));
  }
};
_a3 = Symbol.toStringTag;
Table[_a3] = ((proto) => (proto.schema = null, proto.batches = [], proto._offsets = new Uint32Array([0]), proto._nullCount = -1, proto[Symbol.isConcatSpreadable] = !0, proto[kTableSymbol] = !0, proto.isValid = wrapChunkedCall1(isChunkedValid), proto.get = wrapChunkedCall1(instance2.getVisitFn(Type2.Struct)), proto.set = wrapChunkedCall2(instance.getVisitFn(Type2.Struct)), proto.indexOf = wrapChunkedIndexOf(instance3.getVisitFn(Type2.Struct)), "Table"))(Table.prototype);
Object.defineProperty(Table, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === Table && Table.isTable(instance8);
  }
});
function makeTable(input) {
  let vecs = {}, inputs = Object.entries(input);
  for (let [key, col] of inputs)
    vecs[key] = makeVector(col);
  return new Table(vecs);
}
function tableFromArrays(input) {
  let vecs = {}, inputs = Object.entries(input);
  for (let [key, col] of inputs)
    vecs[key] = vectorFromArray(col);
  return new Table(vecs);
}

// node_modules/apache-arrow/recordbatch.mjs
var _a4, kRecordBatchSymbol = /* @__PURE__ */ Symbol.for("apache-arrow/RecordBatch"), RecordBatch3 = class _RecordBatch {
  /**
   * Check if an object is an instance of RecordBatch.
   * This works across different instances of the Arrow library.
   */
  /** @nocollapse */
  static isRecordBatch(x) {
    return x?.[kRecordBatchSymbol] === !0;
  }
  constructor(...args) {
    switch (args.length) {
      case 3:
      case 2: {
        if ([this.schema] = args, !(this.schema instanceof Schema2))
          throw new TypeError("RecordBatch constructor expects a [Schema, Data] pair.");
        if ([
          ,
          this.data = makeData({
            nullCount: 0,
            type: new Struct(this.schema.fields),
            children: this.schema.fields.map((f) => makeData({ type: f.type, nullCount: 0 }))
          }),
          this._metadata = /* @__PURE__ */ new Map()
        ] = args, !(this.data instanceof Data))
          throw new TypeError("RecordBatch constructor expects a [Schema, Data] pair.");
        [this.schema, this.data] = ensureSameLengthData(this.schema, this.data.children, this.data.length);
        break;
      }
      case 1: {
        let [obj] = args, { fields, children, length } = Object.keys(obj).reduce((memo, name, i) => (memo.children[i] = obj[name], memo.length = Math.max(memo.length, obj[name].length), memo.fields[i] = Field2.new({ name, type: obj[name].type, nullable: !0 }), memo), {
          length: 0,
          fields: new Array(),
          children: new Array()
        }), schema = new Schema2(fields), data = makeData({ type: new Struct(fields), length, children, nullCount: 0 });
        [this.schema, this.data] = ensureSameLengthData(schema, data.children, length), this._metadata = /* @__PURE__ */ new Map();
        break;
      }
      default:
        throw new TypeError("RecordBatch constructor expects an Object mapping names to child Data, or a [Schema, Data] pair.");
    }
  }
  /**
   * Custom metadata for this RecordBatch.
   */
  get metadata() {
    return this._metadata;
  }
  get dictionaries() {
    return this._dictionaries || (this._dictionaries = collectDictionaries(this.schema.fields, this.data.children));
  }
  /**
   * The number of columns in this RecordBatch.
   */
  get numCols() {
    return this.schema.fields.length;
  }
  /**
   * The number of rows in this RecordBatch.
   */
  get numRows() {
    return this.data.length;
  }
  /**
   * The number of null rows in this RecordBatch.
   */
  get nullCount() {
    return this.data.nullCount;
  }
  /**
   * Check whether an row is null.
   * @param index The index at which to read the validity bitmap.
   */
  isValid(index) {
    return this.data.getValid(index);
  }
  /**
   * Get a row by position.
   * @param index The index of the row to read.
   */
  get(index) {
    return instance2.visit(this.data, index);
  }
  /**
    * Get a row value by position.
    * @param index The index of the row to read. A negative index will count back from the last row.
    */
  at(index) {
    return this.get(wrapIndex(index, this.numRows));
  }
  /**
   * Set a row by position.
   * @param index The index of the row to write.
   * @param value The value to set.
   */
  set(index, value) {
    return instance.visit(this.data, index, value);
  }
  /**
   * Retrieve the index of the first occurrence of a row in an RecordBatch.
   * @param element The row to locate in the RecordBatch.
   * @param offset The index at which to begin the search. If offset is omitted, the search starts at index 0.
   */
  indexOf(element, offset) {
    return instance3.visit(this.data, element, offset);
  }
  /**
   * Iterator for rows in this RecordBatch.
   */
  [Symbol.iterator]() {
    return instance4.visit(new Vector([this.data]));
  }
  /**
   * Return a JavaScript Array of the RecordBatch rows.
   * @returns An Array of RecordBatch rows.
   */
  toArray() {
    return [...this];
  }
  /**
   * Combines two or more RecordBatch of the same schema.
   * @param others Additional RecordBatch to add to the end of this RecordBatch.
   */
  concat(...others) {
    return new Table(this.schema, [this, ...others]);
  }
  /**
   * Return a zero-copy sub-section of this RecordBatch.
   * @param start The beginning of the specified portion of the RecordBatch.
   * @param end The end of the specified portion of the RecordBatch. This is exclusive of the row at the index 'end'.
   */
  slice(begin, end) {
    let [slice] = new Vector([this.data]).slice(begin, end).data;
    return new _RecordBatch(this.schema, slice, this._metadata);
  }
  /**
   * Returns a child Vector by name, or null if this Vector has no child with the given name.
   * @param name The name of the child to retrieve.
   */
  getChild(name) {
    var _b2;
    return this.getChildAt((_b2 = this.schema.fields) === null || _b2 === void 0 ? void 0 : _b2.findIndex((f) => f.name === name));
  }
  /**
   * Returns a child Vector by index, or null if this Vector has no child at the supplied index.
   * @param index The index of the child to retrieve.
   */
  getChildAt(index) {
    return index > -1 && index < this.schema.fields.length ? new Vector([this.data.children[index]]) : null;
  }
  /**
   * Sets a child Vector by name.
   * @param name The name of the child to overwrite.
   * @returns A new RecordBatch with the new child for the specified name.
   */
  setChild(name, child) {
    var _b2;
    return this.setChildAt((_b2 = this.schema.fields) === null || _b2 === void 0 ? void 0 : _b2.findIndex((f) => f.name === name), child);
  }
  setChildAt(index, child) {
    let schema = this.schema, data = this.data;
    if (index > -1 && index < this.numCols) {
      child || (child = new Vector([makeData({ type: new Null2(), length: this.numRows })]));
      let fields = schema.fields.slice(), children = data.children.slice(), field = fields[index].clone({ type: child.type });
      [fields[index], children[index]] = [field, child.data[0]], schema = new Schema2(fields, new Map(this.schema.metadata)), data = makeData({ type: new Struct(fields), length: data.length, children });
    }
    return new _RecordBatch(schema, data, this._metadata);
  }
  /**
   * Construct a new RecordBatch containing only specified columns.
   *
   * @param columnNames Names of columns to keep.
   * @returns A new RecordBatch of columns matching the specified names.
   */
  select(columnNames) {
    let schema = this.schema.select(columnNames), type = new Struct(schema.fields), children = [];
    for (let name of columnNames) {
      let index = this.schema.fields.findIndex((f) => f.name === name);
      ~index && (children[index] = this.data.children[index]);
    }
    return new _RecordBatch(schema, makeData({ type, length: this.numRows, children }), this._metadata);
  }
  /**
   * Construct a new RecordBatch containing only columns at the specified indices.
   *
   * @param columnIndices Indices of columns to keep.
   * @returns A new RecordBatch of columns matching at the specified indices.
   */
  selectAt(columnIndices) {
    let schema = this.schema.selectAt(columnIndices), children = columnIndices.map((i) => this.data.children[i]).filter(Boolean), subset = makeData({ type: new Struct(schema.fields), length: this.numRows, children });
    return new _RecordBatch(schema, subset, this._metadata);
  }
};
_a4 = Symbol.toStringTag;
RecordBatch3[_a4] = ((proto) => (proto._nullCount = -1, proto[Symbol.isConcatSpreadable] = !0, proto[kRecordBatchSymbol] = !0, "RecordBatch"))(RecordBatch3.prototype);
Object.defineProperty(RecordBatch3, Symbol.hasInstance, {
  value: function(instance8) {
    return Function.prototype[Symbol.hasInstance].call(this, instance8) || this === RecordBatch3 && RecordBatch3.isRecordBatch(instance8);
  }
});
function ensureSameLengthData(schema, chunks, maxLength = chunks.reduce((max, col) => Math.max(max, col.length), 0)) {
  var _b2;
  let fields = [...schema.fields], children = [...chunks], nullBitmapSize = (maxLength + 63 & -64) >> 3;
  for (let [idx, field] of schema.fields.entries()) {
    let chunk = chunks[idx];
    (!chunk || chunk.length !== maxLength) && (fields[idx] = field.clone({ nullable: !0 }), children[idx] = (_b2 = chunk?._changeLengthAndBackfillNullBitmap(maxLength)) !== null && _b2 !== void 0 ? _b2 : makeData({
      type: field.type,
      length: maxLength,
      nullCount: maxLength,
      nullBitmap: new Uint8Array(nullBitmapSize)
    }));
  }
  return [
    schema.assign(fields),
    makeData({ type: new Struct(fields), length: maxLength, children })
  ];
}
function collectDictionaries(fields, children, dictionaries = /* @__PURE__ */ new Map()) {
  var _b2, _c2;
  if (((_b2 = fields?.length) !== null && _b2 !== void 0 ? _b2 : 0) > 0 && fields?.length === children?.length)
    for (let i = -1, n = fields.length; ++i < n; ) {
      let { type } = fields[i], data = children[i];
      for (let next of [data, ...((_c2 = data?.dictionary) === null || _c2 === void 0 ? void 0 : _c2.data) || []])
        collectDictionaries(type.children, next?.children, dictionaries);
      if (DataType.isDictionary(type)) {
        let { id } = type;
        if (!dictionaries.has(id))
          data?.dictionary && dictionaries.set(id, data.dictionary);
        else if (dictionaries.get(id) !== data.dictionary)
          throw new Error("Cannot create Schema containing two different dictionaries with the same Id");
      }
    }
  return dictionaries;
}
var _InternalEmptyPlaceholderRecordBatch = class extends RecordBatch3 {
  constructor(schema, metadata) {
    let children = schema.fields.map((f) => makeData({ type: f.type })), data = makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children });
    super(schema, data, metadata || /* @__PURE__ */ new Map());
  }
};

// node_modules/apache-arrow/ipc/message.mjs
var import_flatbuffers = __toESM(require_flatbuffers(), 1);
var invalidMessageType = (type) => `Expected ${MessageHeader[type]} Message in stream, but was null or length 0.`, nullMessage = (type) => `Header pointer of flatbuffer-encoded ${MessageHeader[type]} Message is null or length 0.`, invalidMessageMetadata = (expected, actual) => `Expected to read ${expected} metadata bytes, but only read ${actual}.`, invalidMessageBodyLength = (expected, actual) => `Expected to read ${expected} bytes for message body, but only read ${actual}.`, MessageReader = class {
  constructor(source) {
    this.source = source instanceof ByteStream ? source : new ByteStream(source);
  }
  [Symbol.iterator]() {
    return this;
  }
  next() {
    let r;
    return (r = this.readMetadataLength()).done ? ITERATOR_DONE : r.value === -1 && (r = this.readMetadataLength()).done ? ITERATOR_DONE : (r = this.readMetadata(r.value)).done ? ITERATOR_DONE : r;
  }
  throw(value) {
    return this.source.throw(value);
  }
  return(value) {
    return this.source.return(value);
  }
  readMessage(type) {
    let r;
    if ((r = this.next()).done)
      return null;
    if (type != null && r.value.headerType !== type)
      throw new Error(invalidMessageType(type));
    return r.value;
  }
  readMessageBody(bodyLength) {
    if (bodyLength <= 0)
      return new Uint8Array(0);
    let buf = toUint8Array(this.source.read(bodyLength));
    if (buf.byteLength < bodyLength)
      throw new Error(invalidMessageBodyLength(bodyLength, buf.byteLength));
    return (
      /* 1. */
      buf.byteOffset % 8 === 0 && /* 2. */
      buf.byteOffset + buf.byteLength <= buf.buffer.byteLength ? buf : buf.slice()
    );
  }
  readSchema(throwIfNull = !1) {
    let type = MessageHeader.Schema, message = this.readMessage(type), schema = message?.header();
    if (throwIfNull && !schema)
      throw new Error(nullMessage(type));
    return schema;
  }
  readMetadataLength() {
    let buf = this.source.read(PADDING), bb = buf && new import_flatbuffers.ByteBuffer(buf), len = bb?.readInt32(0) || 0;
    return { done: len === 0, value: len };
  }
  readMetadata(metadataLength) {
    let buf = this.source.read(metadataLength);
    if (!buf)
      return ITERATOR_DONE;
    if (buf.byteLength < metadataLength)
      throw new Error(invalidMessageMetadata(metadataLength, buf.byteLength));
    return { done: !1, value: Message2.decode(buf) };
  }
}, AsyncMessageReader = class {
  constructor(source, byteLength) {
    this.source = source instanceof AsyncByteStream ? source : isFileHandle(source) ? new AsyncRandomAccessFile(source, byteLength) : new AsyncByteStream(source);
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  next() {
    return __awaiter(this, void 0, void 0, function* () {
      let r;
      return (r = yield this.readMetadataLength()).done ? ITERATOR_DONE : r.value === -1 && (r = yield this.readMetadataLength()).done ? ITERATOR_DONE : (r = yield this.readMetadata(r.value)).done ? ITERATOR_DONE : r;
    });
  }
  throw(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.source.throw(value);
    });
  }
  return(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this.source.return(value);
    });
  }
  readMessage(type) {
    return __awaiter(this, void 0, void 0, function* () {
      let r;
      if ((r = yield this.next()).done)
        return null;
      if (type != null && r.value.headerType !== type)
        throw new Error(invalidMessageType(type));
      return r.value;
    });
  }
  readMessageBody(bodyLength) {
    return __awaiter(this, void 0, void 0, function* () {
      if (bodyLength <= 0)
        return new Uint8Array(0);
      let buf = toUint8Array(yield this.source.read(bodyLength));
      if (buf.byteLength < bodyLength)
        throw new Error(invalidMessageBodyLength(bodyLength, buf.byteLength));
      return (
        /* 1. */
        buf.byteOffset % 8 === 0 && /* 2. */
        buf.byteOffset + buf.byteLength <= buf.buffer.byteLength ? buf : buf.slice()
      );
    });
  }
  readSchema() {
    return __awaiter(this, arguments, void 0, function* (throwIfNull = !1) {
      let type = MessageHeader.Schema, message = yield this.readMessage(type), schema = message?.header();
      if (throwIfNull && !schema)
        throw new Error(nullMessage(type));
      return schema;
    });
  }
  readMetadataLength() {
    return __awaiter(this, void 0, void 0, function* () {
      let buf = yield this.source.read(PADDING), bb = buf && new import_flatbuffers.ByteBuffer(buf), len = bb?.readInt32(0) || 0;
      return { done: len === 0, value: len };
    });
  }
  readMetadata(metadataLength) {
    return __awaiter(this, void 0, void 0, function* () {
      let buf = yield this.source.read(metadataLength);
      if (!buf)
        return ITERATOR_DONE;
      if (buf.byteLength < metadataLength)
        throw new Error(invalidMessageMetadata(metadataLength, buf.byteLength));
      return { done: !1, value: Message2.decode(buf) };
    });
  }
}, JSONMessageReader = class extends MessageReader {
  constructor(source) {
    super(new Uint8Array(0)), this._schema = !1, this._body = [], this._batchIndex = 0, this._dictionaryIndex = 0, this._json = source instanceof ArrowJSON ? source : new ArrowJSON(source);
  }
  next() {
    let { _json } = this;
    if (!this._schema)
      return this._schema = !0, { done: !1, value: Message2.fromJSON(_json.schema, MessageHeader.Schema) };
    if (this._dictionaryIndex < _json.dictionaries.length) {
      let batch = _json.dictionaries[this._dictionaryIndex++];
      return this._body = batch.data.columns, { done: !1, value: Message2.fromJSON(batch, MessageHeader.DictionaryBatch) };
    }
    if (this._batchIndex < _json.batches.length) {
      let batch = _json.batches[this._batchIndex++];
      return this._body = batch.columns, { done: !1, value: Message2.fromJSON(batch, MessageHeader.RecordBatch) };
    }
    return this._body = [], ITERATOR_DONE;
  }
  readMessageBody(_bodyLength) {
    return flattenDataSources(this._body);
    function flattenDataSources(xs) {
      return (xs || []).reduce((buffers, column) => [
        ...buffers,
        ...column.VALIDITY && [column.VALIDITY] || [],
        ...column.TYPE_ID && [column.TYPE_ID] || [],
        ...column.OFFSET && [column.OFFSET] || [],
        ...column.DATA && [column.DATA] || [],
        ...column.VIEWS && [column.VIEWS] || [],
        ...column.VARIADIC_DATA_BUFFERS || [],
        ...flattenDataSources(column.children)
      ], []);
    }
  }
  readMessage(type) {
    let r;
    if ((r = this.next()).done)
      return null;
    if (type != null && r.value.headerType !== type)
      throw new Error(invalidMessageType(type));
    return r.value;
  }
  readSchema() {
    let type = MessageHeader.Schema, message = this.readMessage(type), schema = message?.header();
    if (!message || !schema)
      throw new Error(nullMessage(type));
    return schema;
  }
}, PADDING = 4, MAGIC_STR = "ARROW1", MAGIC = new Uint8Array(MAGIC_STR.length);
for (let i = 0; i < MAGIC_STR.length; i += 1)
  MAGIC[i] = MAGIC_STR.codePointAt(i);
function checkForMagicArrowString(buffer, index = 0) {
  for (let i = -1, n = MAGIC.length; ++i < n; )
    if (MAGIC[i] !== buffer[index + i])
      return !1;
  return !0;
}
var magicLength = MAGIC.length, magicAndPadding = magicLength + PADDING, magicX2AndPadding = magicLength * 2 + PADDING;

// node_modules/apache-arrow/ipc/compression/validators.mjs
var Lz4FrameValidator = class {
  constructor() {
    this.LZ4_FRAME_MAGIC = new Uint8Array([4, 34, 77, 24]), this.MIN_HEADER_LENGTH = 7;
  }
  isValidCodecEncode(codec) {
    let testData = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), compressed = codec.encode(testData);
    return this._isValidCompressed(compressed);
  }
  _isValidCompressed(buffer) {
    return this._hasMinimumLength(buffer) && this._hasValidMagicNumber(buffer) && this._hasValidVersion(buffer);
  }
  _hasMinimumLength(buffer) {
    return buffer.length >= this.MIN_HEADER_LENGTH;
  }
  _hasValidMagicNumber(buffer) {
    return this.LZ4_FRAME_MAGIC.every((byte, i) => buffer[i] === byte);
  }
  _hasValidVersion(buffer) {
    return (buffer[4] & 192) >> 6 === 1;
  }
}, ZstdValidator = class {
  constructor() {
    this.ZSTD_MAGIC = new Uint8Array([40, 181, 47, 253]), this.MIN_HEADER_LENGTH = 6;
  }
  isValidCodecEncode(codec) {
    let testData = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), compressed = codec.encode(testData);
    return this._isValidCompressed(compressed);
  }
  _isValidCompressed(buffer) {
    return this._hasMinimumLength(buffer) && this._hasValidMagicNumber(buffer);
  }
  _hasMinimumLength(buffer) {
    return buffer.length >= this.MIN_HEADER_LENGTH;
  }
  _hasValidMagicNumber(buffer) {
    return this.ZSTD_MAGIC.every((byte, i) => buffer[i] === byte);
  }
}, compressionValidators = {
  [CompressionType.LZ4_FRAME]: new Lz4FrameValidator(),
  [CompressionType.ZSTD]: new ZstdValidator()
};

// node_modules/apache-arrow/ipc/compression/registry.mjs
var _CompressionRegistry = class {
  constructor() {
    this.registry = {};
  }
  set(compression, codec) {
    if (codec?.encode && typeof codec.encode == "function" && !compressionValidators[compression].isValidCodecEncode(codec))
      throw new Error(`Encoder for ${CompressionType[compression]} is not valid.`);
    this.registry[compression] = codec;
  }
  get(compression) {
    var _a5;
    return ((_a5 = this.registry) === null || _a5 === void 0 ? void 0 : _a5[compression]) || null;
  }
}, compressionRegistry = new _CompressionRegistry();

// node_modules/apache-arrow/ipc/reader.mjs
var flatbuffers35 = __toESM(require_flatbuffers(), 1);
var RecordBatchReader = class _RecordBatchReader extends ReadableInterop {
  constructor(impl) {
    super(), this._impl = impl;
  }
  get closed() {
    return this._impl.closed;
  }
  get schema() {
    return this._impl.schema;
  }
  get autoDestroy() {
    return this._impl.autoDestroy;
  }
  get dictionaries() {
    return this._impl.dictionaries;
  }
  get numDictionaries() {
    return this._impl.numDictionaries;
  }
  get numRecordBatches() {
    return this._impl.numRecordBatches;
  }
  get footer() {
    return this._impl.isFile() ? this._impl.footer : null;
  }
  isSync() {
    return this._impl.isSync();
  }
  isAsync() {
    return this._impl.isAsync();
  }
  isFile() {
    return this._impl.isFile();
  }
  isStream() {
    return this._impl.isStream();
  }
  next() {
    return this._impl.next();
  }
  throw(value) {
    return this._impl.throw(value);
  }
  return(value) {
    return this._impl.return(value);
  }
  cancel() {
    return this._impl.cancel();
  }
  reset(schema) {
    return this._impl.reset(schema), this._DOMStream = void 0, this._nodeStream = void 0, this;
  }
  open(options) {
    let opening = this._impl.open(options);
    return isPromise(opening) ? opening.then(() => this) : this;
  }
  readRecordBatch(index) {
    return this._impl.isFile() ? this._impl.readRecordBatch(index) : null;
  }
  [Symbol.iterator]() {
    return this._impl[Symbol.iterator]();
  }
  [Symbol.asyncIterator]() {
    return this._impl[Symbol.asyncIterator]();
  }
  toDOMStream() {
    return adapters_default.toDOMStream(this.isSync() ? { [Symbol.iterator]: () => this } : { [Symbol.asyncIterator]: () => this });
  }
  toNodeStream() {
    return adapters_default.toNodeStream(this.isSync() ? { [Symbol.iterator]: () => this } : { [Symbol.asyncIterator]: () => this }, { objectMode: !0 });
  }
  /** @nocollapse */
  // @ts-ignore
  static throughNode(options) {
    throw new Error('"throughNode" not available in this environment');
  }
  /** @nocollapse */
  static throughDOM(writableStrategy, readableStrategy) {
    throw new Error('"throughDOM" not available in this environment');
  }
  /** @nocollapse */
  static from(source) {
    return source instanceof _RecordBatchReader ? source : isArrowJSON(source) ? fromArrowJSON(source) : isFileHandle(source) ? fromFileHandle(source) : isPromise(source) ? __awaiter(this, void 0, void 0, function* () {
      return yield _RecordBatchReader.from(yield source);
    }) : isFetchResponse(source) || isReadableDOMStream(source) || isReadableNodeStream(source) || isAsyncIterable(source) ? fromAsyncByteStream(new AsyncByteStream(source)) : fromByteStream(new ByteStream(source));
  }
  /** @nocollapse */
  static readAll(source) {
    return source instanceof _RecordBatchReader ? source.isSync() ? readAllSync(source) : readAllAsync(source) : isArrowJSON(source) || ArrayBuffer.isView(source) || isIterable(source) || isIteratorResult(source) ? readAllSync(source) : readAllAsync(source);
  }
}, RecordBatchStreamReader = class extends RecordBatchReader {
  constructor(_impl) {
    super(_impl), this._impl = _impl;
  }
  readAll() {
    return [...this];
  }
  [Symbol.iterator]() {
    return this._impl[Symbol.iterator]();
  }
  [Symbol.asyncIterator]() {
    return __asyncGenerator(this, arguments, function* () {
      yield __await(yield* __asyncDelegator(__asyncValues(this[Symbol.iterator]())));
    });
  }
}, AsyncRecordBatchStreamReader = class extends RecordBatchReader {
  constructor(_impl) {
    super(_impl), this._impl = _impl;
  }
  readAll() {
    return __awaiter(this, void 0, void 0, function* () {
      var _a5, e_1, _b2, _c2;
      let batches = new Array();
      try {
        for (var _d2 = !0, _e2 = __asyncValues(this), _f2; _f2 = yield _e2.next(), _a5 = _f2.done, !_a5; _d2 = !0) {
          _c2 = _f2.value, _d2 = !1;
          let batch = _c2;
          batches.push(batch);
        }
      } catch (e_1_1) {
        e_1 = { error: e_1_1 };
      } finally {
        try {
          !_d2 && !_a5 && (_b2 = _e2.return) && (yield _b2.call(_e2));
        } finally {
          if (e_1) throw e_1.error;
        }
      }
      return batches;
    });
  }
  [Symbol.iterator]() {
    throw new Error("AsyncRecordBatchStreamReader is not Iterable");
  }
  [Symbol.asyncIterator]() {
    return this._impl[Symbol.asyncIterator]();
  }
}, RecordBatchFileReader = class extends RecordBatchStreamReader {
  constructor(_impl) {
    super(_impl), this._impl = _impl;
  }
}, AsyncRecordBatchFileReader = class extends AsyncRecordBatchStreamReader {
  constructor(_impl) {
    super(_impl), this._impl = _impl;
  }
}, RecordBatchReaderImpl = class {
  get numDictionaries() {
    return this._dictionaryIndex;
  }
  get numRecordBatches() {
    return this._recordBatchIndex;
  }
  constructor(dictionaries = /* @__PURE__ */ new Map()) {
    this.closed = !1, this.autoDestroy = !0, this._dictionaryIndex = 0, this._recordBatchIndex = 0, this.dictionaries = dictionaries;
  }
  isSync() {
    return !1;
  }
  isAsync() {
    return !1;
  }
  isFile() {
    return !1;
  }
  isStream() {
    return !1;
  }
  reset(schema) {
    return this._dictionaryIndex = 0, this._recordBatchIndex = 0, this.schema = schema, this.dictionaries = /* @__PURE__ */ new Map(), this;
  }
  _loadRecordBatch(header, body, messageMetadata) {
    let children;
    if (header.compression != null) {
      let codec = compressionRegistry.get(header.compression.type);
      if (codec?.decode && typeof codec.decode == "function") {
        let { decommpressedBody, buffers } = this._decompressBuffers(header, body, codec);
        children = this._loadCompressedVectors(header, decommpressedBody, this.schema.fields), header = new RecordBatch2(header.length, header.nodes, buffers, null);
      } else
        throw new Error("Record batch is compressed but codec not found");
    } else
      children = this._loadVectors(header, body, this.schema.fields);
    let data = makeData({ type: new Struct(this.schema.fields), length: header.length, children });
    return new RecordBatch3(this.schema, data, messageMetadata);
  }
  _loadDictionaryBatch(header, body) {
    let { id, isDelta } = header, { dictionaries, schema } = this, dictionary = dictionaries.get(id), type = schema.dictionaries.get(id), data;
    if (header.data.compression != null) {
      let codec = compressionRegistry.get(header.data.compression.type);
      if (codec?.decode && typeof codec.decode == "function") {
        let { decommpressedBody, buffers } = this._decompressBuffers(header.data, body, codec);
        data = this._loadCompressedVectors(header.data, decommpressedBody, [type]), header = new DictionaryBatch2(new RecordBatch2(header.data.length, header.data.nodes, buffers, null, header.data.variadicBufferCounts), id, isDelta);
      } else
        throw new Error("Dictionary batch is compressed but codec not found");
    } else
      data = this._loadVectors(header.data, body, [type]);
    return (dictionary && isDelta ? dictionary.concat(new Vector(data)) : new Vector(data)).memoize();
  }
  _loadVectors(header, body, types) {
    return new VectorLoader(body, header.nodes, header.buffers, this.dictionaries, this.schema.metadataVersion, header.variadicBufferCounts).visitMany(types);
  }
  _loadCompressedVectors(header, body, types) {
    return new CompressedVectorLoader(body, header.nodes, header.buffers, this.dictionaries, this.schema.metadataVersion, header.variadicBufferCounts).visitMany(types);
  }
  _decompressBuffers(header, body, codec) {
    let decompressedBuffers = [], newBufferRegions = [], currentOffset = 0;
    for (let { offset, length } of header.buffers) {
      if (length === 0) {
        decompressedBuffers.push(new Uint8Array(0)), newBufferRegions.push(new BufferRegion(currentOffset, 0));
        continue;
      }
      let byteBuf = new flatbuffers35.ByteBuffer(body.subarray(offset, offset + length)), uncompressedLenth = bigIntToNumber(byteBuf.readInt64(0)), bytes = byteBuf.bytes().subarray(8), decompressed = uncompressedLenth === -1 ? bytes : codec.decode(bytes);
      decompressedBuffers.push(decompressed);
      let padding = (currentOffset + 7 & -8) - currentOffset;
      currentOffset += padding, newBufferRegions.push(new BufferRegion(currentOffset, decompressed.length)), currentOffset += decompressed.length;
    }
    return {
      decommpressedBody: decompressedBuffers,
      buffers: newBufferRegions
    };
  }
}, RecordBatchStreamReaderImpl = class extends RecordBatchReaderImpl {
  constructor(source, dictionaries) {
    super(dictionaries), this._reader = isArrowJSON(source) ? new JSONMessageReader(this._handle = source) : new MessageReader(this._handle = source);
  }
  isSync() {
    return !0;
  }
  isStream() {
    return !0;
  }
  [Symbol.iterator]() {
    return this;
  }
  cancel() {
    !this.closed && (this.closed = !0) && (this.reset()._reader.return(), this._reader = null, this.dictionaries = null);
  }
  open(options) {
    return this.closed || (this.autoDestroy = shouldAutoDestroy(this, options), this.schema || (this.schema = this._reader.readSchema()) || this.cancel()), this;
  }
  throw(value) {
    return !this.closed && this.autoDestroy && (this.closed = !0) ? this.reset()._reader.throw(value) : ITERATOR_DONE;
  }
  return(value) {
    return !this.closed && this.autoDestroy && (this.closed = !0) ? this.reset()._reader.return(value) : ITERATOR_DONE;
  }
  next() {
    if (this.closed)
      return ITERATOR_DONE;
    let message, { _reader: reader } = this;
    for (; message = this._readNextMessageAndValidate(); )
      if (message.isSchema())
        this.reset(message.header());
      else if (message.isRecordBatch()) {
        this._recordBatchIndex++;
        let header = message.header(), buffer = reader.readMessageBody(message.bodyLength);
        return { done: !1, value: this._loadRecordBatch(header, buffer, message.metadata) };
      } else if (message.isDictionaryBatch()) {
        this._dictionaryIndex++;
        let header = message.header(), buffer = reader.readMessageBody(message.bodyLength), vector = this._loadDictionaryBatch(header, buffer);
        this.dictionaries.set(header.id, vector);
      }
    return this.schema && this._recordBatchIndex === 0 ? (this._recordBatchIndex++, { done: !1, value: new _InternalEmptyPlaceholderRecordBatch(this.schema) }) : this.return();
  }
  _readNextMessageAndValidate(type) {
    return this._reader.readMessage(type);
  }
}, AsyncRecordBatchStreamReaderImpl = class extends RecordBatchReaderImpl {
  constructor(source, dictionaries) {
    super(dictionaries), this._reader = new AsyncMessageReader(this._handle = source);
  }
  isAsync() {
    return !0;
  }
  isStream() {
    return !0;
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  cancel() {
    return __awaiter(this, void 0, void 0, function* () {
      !this.closed && (this.closed = !0) && (yield this.reset()._reader.return(), this._reader = null, this.dictionaries = null);
    });
  }
  open(options) {
    return __awaiter(this, void 0, void 0, function* () {
      return this.closed || (this.autoDestroy = shouldAutoDestroy(this, options), this.schema || (this.schema = yield this._reader.readSchema()) || (yield this.cancel())), this;
    });
  }
  throw(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return !this.closed && this.autoDestroy && (this.closed = !0) ? yield this.reset()._reader.throw(value) : ITERATOR_DONE;
    });
  }
  return(value) {
    return __awaiter(this, void 0, void 0, function* () {
      return !this.closed && this.autoDestroy && (this.closed = !0) ? yield this.reset()._reader.return(value) : ITERATOR_DONE;
    });
  }
  next() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this.closed)
        return ITERATOR_DONE;
      let message, { _reader: reader } = this;
      for (; message = yield this._readNextMessageAndValidate(); )
        if (message.isSchema())
          yield this.reset(message.header());
        else if (message.isRecordBatch()) {
          this._recordBatchIndex++;
          let header = message.header(), buffer = yield reader.readMessageBody(message.bodyLength);
          return { done: !1, value: this._loadRecordBatch(header, buffer, message.metadata) };
        } else if (message.isDictionaryBatch()) {
          this._dictionaryIndex++;
          let header = message.header(), buffer = yield reader.readMessageBody(message.bodyLength), vector = this._loadDictionaryBatch(header, buffer);
          this.dictionaries.set(header.id, vector);
        }
      return this.schema && this._recordBatchIndex === 0 ? (this._recordBatchIndex++, { done: !1, value: new _InternalEmptyPlaceholderRecordBatch(this.schema) }) : yield this.return();
    });
  }
  _readNextMessageAndValidate(type) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield this._reader.readMessage(type);
    });
  }
}, RecordBatchFileReaderImpl = class extends RecordBatchStreamReaderImpl {
  get footer() {
    return this._footer;
  }
  get numDictionaries() {
    return this._footer ? this._footer.numDictionaries : 0;
  }
  get numRecordBatches() {
    return this._footer ? this._footer.numRecordBatches : 0;
  }
  constructor(source, dictionaries) {
    super(source instanceof RandomAccessFile ? source : new RandomAccessFile(source), dictionaries);
  }
  isSync() {
    return !0;
  }
  isFile() {
    return !0;
  }
  open(options) {
    if (!this.closed && !this._footer) {
      this.schema = (this._footer = this._readFooter()).schema;
      for (let block of this._footer.dictionaryBatches())
        block && this._readDictionaryBatch(this._dictionaryIndex++);
    }
    return super.open(options);
  }
  readRecordBatch(index) {
    var _a5;
    if (this.closed)
      return null;
    this._footer || this.open();
    let block = (_a5 = this._footer) === null || _a5 === void 0 ? void 0 : _a5.getRecordBatch(index);
    if (block && this._handle.seek(block.offset)) {
      let message = this._reader.readMessage(MessageHeader.RecordBatch);
      if (message?.isRecordBatch()) {
        let header = message.header(), buffer = this._reader.readMessageBody(message.bodyLength);
        return this._loadRecordBatch(header, buffer, message.metadata);
      }
    }
    return null;
  }
  _readDictionaryBatch(index) {
    var _a5;
    let block = (_a5 = this._footer) === null || _a5 === void 0 ? void 0 : _a5.getDictionaryBatch(index);
    if (block && this._handle.seek(block.offset)) {
      let message = this._reader.readMessage(MessageHeader.DictionaryBatch);
      if (message?.isDictionaryBatch()) {
        let header = message.header(), buffer = this._reader.readMessageBody(message.bodyLength), vector = this._loadDictionaryBatch(header, buffer);
        this.dictionaries.set(header.id, vector);
      }
    }
  }
  _readFooter() {
    let { _handle } = this, offset = _handle.size - magicAndPadding, length = _handle.readInt32(offset), buffer = _handle.readAt(offset - length, length);
    return Footer_.decode(buffer);
  }
  _readNextMessageAndValidate(type) {
    var _a5;
    if (this._footer || this.open(), this._footer && this._recordBatchIndex < this.numRecordBatches) {
      let block = (_a5 = this._footer) === null || _a5 === void 0 ? void 0 : _a5.getRecordBatch(this._recordBatchIndex);
      if (block && this._handle.seek(block.offset))
        return this._reader.readMessage(type);
    }
    return null;
  }
}, AsyncRecordBatchFileReaderImpl = class extends AsyncRecordBatchStreamReaderImpl {
  get footer() {
    return this._footer;
  }
  get numDictionaries() {
    return this._footer ? this._footer.numDictionaries : 0;
  }
  get numRecordBatches() {
    return this._footer ? this._footer.numRecordBatches : 0;
  }
  constructor(source, ...rest) {
    let byteLength = typeof rest[0] != "number" ? rest.shift() : void 0, dictionaries = rest[0] instanceof Map ? rest.shift() : void 0;
    super(source instanceof AsyncRandomAccessFile ? source : new AsyncRandomAccessFile(source, byteLength), dictionaries);
  }
  isFile() {
    return !0;
  }
  isAsync() {
    return !0;
  }
  open(options) {
    let _super = Object.create(null, {
      open: { get: () => super.open }
    });
    return __awaiter(this, void 0, void 0, function* () {
      if (!this.closed && !this._footer) {
        this.schema = (this._footer = yield this._readFooter()).schema;
        for (let block of this._footer.dictionaryBatches())
          block && (yield this._readDictionaryBatch(this._dictionaryIndex++));
      }
      return yield _super.open.call(this, options);
    });
  }
  readRecordBatch(index) {
    return __awaiter(this, void 0, void 0, function* () {
      var _a5;
      if (this.closed)
        return null;
      this._footer || (yield this.open());
      let block = (_a5 = this._footer) === null || _a5 === void 0 ? void 0 : _a5.getRecordBatch(index);
      if (block && (yield this._handle.seek(block.offset))) {
        let message = yield this._reader.readMessage(MessageHeader.RecordBatch);
        if (message?.isRecordBatch()) {
          let header = message.header(), buffer = yield this._reader.readMessageBody(message.bodyLength);
          return this._loadRecordBatch(header, buffer, message.metadata);
        }
      }
      return null;
    });
  }
  _readDictionaryBatch(index) {
    return __awaiter(this, void 0, void 0, function* () {
      var _a5;
      let block = (_a5 = this._footer) === null || _a5 === void 0 ? void 0 : _a5.getDictionaryBatch(index);
      if (block && (yield this._handle.seek(block.offset))) {
        let message = yield this._reader.readMessage(MessageHeader.DictionaryBatch);
        if (message?.isDictionaryBatch()) {
          let header = message.header(), buffer = yield this._reader.readMessageBody(message.bodyLength), vector = this._loadDictionaryBatch(header, buffer);
          this.dictionaries.set(header.id, vector);
        }
      }
    });
  }
  _readFooter() {
    return __awaiter(this, void 0, void 0, function* () {
      let { _handle } = this;
      _handle._pending && (yield _handle._pending);
      let offset = _handle.size - magicAndPadding, length = yield _handle.readInt32(offset), buffer = yield _handle.readAt(offset - length, length);
      return Footer_.decode(buffer);
    });
  }
  _readNextMessageAndValidate(type) {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._footer || (yield this.open()), this._footer && this._recordBatchIndex < this.numRecordBatches) {
        let block = this._footer.getRecordBatch(this._recordBatchIndex);
        if (block && (yield this._handle.seek(block.offset)))
          return yield this._reader.readMessage(type);
      }
      return null;
    });
  }
}, RecordBatchJSONReaderImpl = class extends RecordBatchStreamReaderImpl {
  constructor(source, dictionaries) {
    super(source, dictionaries);
  }
  _loadVectors(header, body, types) {
    return new JSONVectorLoader(body, header.nodes, header.buffers, this.dictionaries, this.schema.metadataVersion, header.variadicBufferCounts).visitMany(types);
  }
};
function shouldAutoDestroy(self, options) {
  return options && typeof options.autoDestroy == "boolean" ? options.autoDestroy : self.autoDestroy;
}
function* readAllSync(source) {
  let reader = RecordBatchReader.from(source);
  try {
    if (!reader.open({ autoDestroy: !1 }).closed)
      do
        yield reader;
      while (!reader.reset().open().closed);
  } finally {
    reader.cancel();
  }
}
function readAllAsync(source) {
  return __asyncGenerator(this, arguments, function* () {
    let reader = yield __await(RecordBatchReader.from(source));
    try {
      if (!(yield __await(reader.open({ autoDestroy: !1 }))).closed)
        do
          yield yield __await(reader);
        while (!(yield __await(reader.reset().open())).closed);
    } finally {
      yield __await(reader.cancel());
    }
  });
}
function fromArrowJSON(source) {
  return new RecordBatchStreamReader(new RecordBatchJSONReaderImpl(source));
}
function fromByteStream(source) {
  let bytes = source.peek(magicLength + 7 & -8);
  return bytes && bytes.byteLength >= 4 ? checkForMagicArrowString(bytes) ? new RecordBatchFileReader(new RecordBatchFileReaderImpl(source.read())) : new RecordBatchStreamReader(new RecordBatchStreamReaderImpl(source)) : new RecordBatchStreamReader(new RecordBatchStreamReaderImpl((function* () {
  })()));
}
function fromAsyncByteStream(source) {
  return __awaiter(this, void 0, void 0, function* () {
    let bytes = yield source.peek(magicLength + 7 & -8);
    return bytes && bytes.byteLength >= 4 ? checkForMagicArrowString(bytes) ? new RecordBatchFileReader(new RecordBatchFileReaderImpl(yield source.read())) : new AsyncRecordBatchStreamReader(new AsyncRecordBatchStreamReaderImpl(source)) : new AsyncRecordBatchStreamReader(new AsyncRecordBatchStreamReaderImpl((function() {
      return __asyncGenerator(this, arguments, function* () {
      });
    })()));
  });
}
function fromFileHandle(source) {
  return __awaiter(this, void 0, void 0, function* () {
    let { size } = yield source.stat(), file = new AsyncRandomAccessFile(source, size);
    return size >= magicX2AndPadding && checkForMagicArrowString(yield file.readAt(0, magicLength + 7 & -8)) ? new AsyncRecordBatchFileReader(new AsyncRecordBatchFileReaderImpl(file)) : new AsyncRecordBatchStreamReader(new AsyncRecordBatchStreamReaderImpl(file));
  });
}

// node_modules/apache-arrow/visitor/vectorassembler.mjs
var VectorAssembler = class _VectorAssembler extends Visitor {
  /** @nocollapse */
  static assemble(...args) {
    let unwrap = (nodes) => nodes.flatMap((node) => Array.isArray(node) ? unwrap(node) : node instanceof RecordBatch3 ? node.data.children : node.data), assembler = new _VectorAssembler();
    return assembler.visitMany(unwrap(args)), assembler;
  }
  constructor() {
    super(), this._byteLength = 0, this._nodes = [], this._buffers = [], this._bufferRegions = [], this._variadicBufferCounts = [];
  }
  visit(data) {
    if (data instanceof Vector)
      return this.visitMany(data.data), this;
    let { type } = data;
    if (!DataType.isDictionary(type)) {
      let { length } = data;
      if (length > 2147483647)
        throw new RangeError("Cannot write arrays larger than 2^31 - 1 in length");
      if (DataType.isUnion(type))
        this.nodes.push(new FieldNode2(length, 0));
      else {
        let { nullCount } = data;
        DataType.isNull(type) || addBuffer.call(this, nullCount <= 0 ? new Uint8Array(0) : truncateBitmap(data.offset, length, data.nullBitmap)), this.nodes.push(new FieldNode2(length, nullCount));
      }
    }
    return super.visit(data);
  }
  visitNull(_null) {
    return this;
  }
  visitDictionary(data) {
    return this.visit(data.clone(data.type.indices));
  }
  get nodes() {
    return this._nodes;
  }
  get buffers() {
    return this._buffers;
  }
  get byteLength() {
    return this._byteLength;
  }
  get bufferRegions() {
    return this._bufferRegions;
  }
  get variadicBufferCounts() {
    return this._variadicBufferCounts;
  }
};
function addBuffer(values) {
  let byteLength = values.byteLength + 7 & -8;
  return this.buffers.push(values), this.bufferRegions.push(new BufferRegion(this._byteLength, byteLength)), this._byteLength += byteLength, this;
}
function assembleUnion(data) {
  var _a5;
  let { type, length, typeIds, valueOffsets } = data;
  if (addBuffer.call(this, typeIds), type.mode === UnionMode.Sparse)
    return assembleNestedVector.call(this, data);
  if (type.mode === UnionMode.Dense) {
    if (data.offset <= 0)
      return addBuffer.call(this, valueOffsets), assembleNestedVector.call(this, data);
    {
      let shiftedOffsets = new Int32Array(length), childOffsets = /* @__PURE__ */ Object.create(null), childLengths = /* @__PURE__ */ Object.create(null);
      for (let typeId, shift, index = -1; ++index < length; )
        (typeId = typeIds[index]) !== void 0 && ((shift = childOffsets[typeId]) === void 0 && (shift = childOffsets[typeId] = valueOffsets[index]), shiftedOffsets[index] = valueOffsets[index] - shift, childLengths[typeId] = ((_a5 = childLengths[typeId]) !== null && _a5 !== void 0 ? _a5 : 0) + 1);
      addBuffer.call(this, shiftedOffsets), this.visitMany(data.children.map((child, childIndex) => {
        let typeId = type.typeIds[childIndex], childOffset = childOffsets[typeId], childLength = childLengths[typeId];
        return child.slice(childOffset, Math.min(length, childLength));
      }));
    }
  }
  return this;
}
function assembleBoolVector(data) {
  let values;
  return data.nullCount >= data.length ? addBuffer.call(this, new Uint8Array(data.length + 7 >> 3)) : (values = data.values) instanceof Uint8Array ? addBuffer.call(this, truncateBitmap(data.offset, data.length, values)) : addBuffer.call(this, packBools(data.values));
}
function assembleFlatVector(data) {
  return addBuffer.call(this, data.values.subarray(0, data.length * data.stride));
}
function assembleFlatListVector(data) {
  let { length, values, valueOffsets } = data, begin = bigIntToNumber(valueOffsets[0]), end = bigIntToNumber(valueOffsets[length]), byteLength = Math.min(end - begin, values.byteLength - begin);
  return addBuffer.call(this, rebaseValueOffsets(-begin, length + 1, valueOffsets)), addBuffer.call(this, values.subarray(begin, begin + byteLength)), this;
}
function assembleBinaryViewVector(data) {
  let { offset, length, stride, values, variadicBuffers = [] } = data;
  if (!values)
    throw new Error("BinaryView data is missing view buffer");
  let start = offset * stride, end = start + length * stride;
  addBuffer.call(this, values.subarray(start, end));
  for (let buffer of variadicBuffers)
    addBuffer.call(this, buffer);
  return this._variadicBufferCounts.push(variadicBuffers.length), this;
}
function assembleListVector(data) {
  let { length, valueOffsets } = data;
  if (valueOffsets) {
    let begin = bigIntToNumber(valueOffsets[0]), end = bigIntToNumber(valueOffsets[length]);
    return addBuffer.call(this, rebaseValueOffsets(-begin, length + 1, valueOffsets)), this.visit(data.children[0].slice(begin, end - begin));
  }
  return this.visit(data.children[0]);
}
function assembleNestedVector(data) {
  return this.visitMany(data.type.children.map((_, i) => data.children[i]).filter(Boolean))[0];
}
VectorAssembler.prototype.visitBool = assembleBoolVector;
VectorAssembler.prototype.visitInt = assembleFlatVector;
VectorAssembler.prototype.visitFloat = assembleFlatVector;
VectorAssembler.prototype.visitUtf8 = assembleFlatListVector;
VectorAssembler.prototype.visitLargeUtf8 = assembleFlatListVector;
VectorAssembler.prototype.visitUtf8View = assembleBinaryViewVector;
VectorAssembler.prototype.visitBinary = assembleFlatListVector;
VectorAssembler.prototype.visitLargeBinary = assembleFlatListVector;
VectorAssembler.prototype.visitBinaryView = assembleBinaryViewVector;
VectorAssembler.prototype.visitFixedSizeBinary = assembleFlatVector;
VectorAssembler.prototype.visitDate = assembleFlatVector;
VectorAssembler.prototype.visitTimestamp = assembleFlatVector;
VectorAssembler.prototype.visitTime = assembleFlatVector;
VectorAssembler.prototype.visitDecimal = assembleFlatVector;
VectorAssembler.prototype.visitList = assembleListVector;
VectorAssembler.prototype.visitLargeList = assembleListVector;
VectorAssembler.prototype.visitStruct = assembleNestedVector;
VectorAssembler.prototype.visitUnion = assembleUnion;
VectorAssembler.prototype.visitInterval = assembleFlatVector;
VectorAssembler.prototype.visitDuration = assembleFlatVector;
VectorAssembler.prototype.visitFixedSizeList = assembleListVector;
VectorAssembler.prototype.visitMap = assembleListVector;

// node_modules/apache-arrow/visitor/jsontypeassembler.mjs
var JSONTypeAssembler = class extends Visitor {
  visit(node) {
    return node == null ? void 0 : super.visit(node);
  }
  visitNull({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitInt({ typeId, bitWidth, isSigned }) {
    return { name: Type[typeId].toLowerCase(), bitWidth, isSigned };
  }
  visitFloat({ typeId, precision }) {
    return { name: Type[typeId].toLowerCase(), precision: Precision[precision] };
  }
  visitBinary({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitLargeBinary({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitBinaryView({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitBool({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitUtf8({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitLargeUtf8({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitUtf8View({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitDecimal({ typeId, scale, precision, bitWidth }) {
    return { name: Type[typeId].toLowerCase(), scale, precision, bitWidth };
  }
  visitDate({ typeId, unit }) {
    return { name: Type[typeId].toLowerCase(), unit: DateUnit[unit] };
  }
  visitTime({ typeId, unit, bitWidth }) {
    return { name: Type[typeId].toLowerCase(), unit: TimeUnit[unit], bitWidth };
  }
  visitTimestamp({ typeId, timezone, unit }) {
    return { name: Type[typeId].toLowerCase(), unit: TimeUnit[unit], timezone };
  }
  visitInterval({ typeId, unit }) {
    return { name: Type[typeId].toLowerCase(), unit: IntervalUnit[unit] };
  }
  visitDuration({ typeId, unit }) {
    return { name: Type[typeId].toLocaleLowerCase(), unit: TimeUnit[unit] };
  }
  visitList({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitLargeList({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitStruct({ typeId }) {
    return { name: Type[typeId].toLowerCase() };
  }
  visitUnion({ typeId, mode, typeIds }) {
    return {
      name: Type[typeId].toLowerCase(),
      mode: UnionMode[mode].toUpperCase(),
      typeIds: [...typeIds]
    };
  }
  visitDictionary(node) {
    return this.visit(node.dictionary);
  }
  visitFixedSizeBinary({ typeId, byteWidth }) {
    return { name: Type[typeId].toLowerCase(), byteWidth };
  }
  visitFixedSizeList({ typeId, listSize }) {
    return { name: Type[typeId].toLowerCase(), listSize };
  }
  visitMap({ typeId, keysSorted }) {
    return { name: Type[typeId].toLowerCase(), keysSorted };
  }
};

// node_modules/apache-arrow/visitor/jsonvectorassembler.mjs
var JSONVectorAssembler = class _JSONVectorAssembler extends Visitor {
  /** @nocollapse */
  static assemble(...batches) {
    let assembler = new _JSONVectorAssembler();
    return batches.map(({ schema, data }) => assembler.visitMany(schema.fields, data.children));
  }
  visit({ name }, data) {
    let { length } = data, { offset, nullCount, nullBitmap } = data, type = DataType.isDictionary(data.type) ? data.type.indices : data.type, buffers = Object.assign([], data.buffers, { [BufferType.VALIDITY]: void 0 });
    return Object.assign({ name, count: length, VALIDITY: DataType.isNull(type) || DataType.isUnion(type) ? void 0 : nullCount <= 0 ? Array.from({ length }, () => 1) : [...new BitIterator(nullBitmap, offset, length, null, getBit)] }, super.visit(data.clone(type, offset, length, 0, buffers)));
  }
  visitNull() {
    return {};
  }
  visitBool({ values, offset, length }) {
    return { DATA: [...new BitIterator(values, offset, length, null, getBool2)] };
  }
  visitInt(data) {
    return {
      DATA: data.type.bitWidth < 64 ? [...data.values] : [...bigNumsToStrings(data.values, 2)]
    };
  }
  visitFloat(data) {
    return { DATA: [...data.values] };
  }
  visitUtf8(data) {
    return { DATA: [...new Vector([data])], OFFSET: [...data.valueOffsets] };
  }
  visitLargeUtf8(data) {
    return { DATA: [...new Vector([data])], OFFSET: [...bigNumsToStrings(data.valueOffsets, 2)] };
  }
  visitBinary(data) {
    return { DATA: [...binaryToString(new Vector([data]))], OFFSET: [...data.valueOffsets] };
  }
  visitLargeBinary(data) {
    return { DATA: [...binaryToString(new Vector([data]))], OFFSET: [...bigNumsToStrings(data.valueOffsets, 2)] };
  }
  visitBinaryView(data) {
    return binaryViewDataToJSON(data, (bytes) => Array.from(bytes).map((b) => ("0" + (b & 255).toString(16)).slice(-2)).join("").toUpperCase());
  }
  visitUtf8View(data) {
    return binaryViewDataToJSON(data, (bytes) => Array.from(bytes).map((b) => String.fromCodePoint(b)).join(""));
  }
  visitFixedSizeBinary(data) {
    return { DATA: [...binaryToString(new Vector([data]))] };
  }
  visitDate(data) {
    return {
      DATA: data.type.unit === DateUnit.DAY ? [...data.values] : [...bigNumsToStrings(data.values, 2)]
    };
  }
  visitTimestamp(data) {
    return { DATA: [...bigNumsToStrings(data.values, 2)] };
  }
  visitTime(data) {
    return {
      DATA: data.type.unit < TimeUnit.MICROSECOND ? [...data.values] : [...bigNumsToStrings(data.values, 2)]
    };
  }
  visitDecimal(data) {
    return { DATA: [...bigNumsToStrings(data.values, 4)] };
  }
  visitList(data) {
    return {
      OFFSET: [...data.valueOffsets],
      children: this.visitMany(data.type.children, data.children)
    };
  }
  visitLargeList(data) {
    return {
      OFFSET: [...bigNumsToStrings(data.valueOffsets, 2)],
      children: this.visitMany(data.type.children, data.children)
    };
  }
  visitStruct(data) {
    return {
      children: this.visitMany(data.type.children, data.children)
    };
  }
  visitUnion(data) {
    return {
      TYPE_ID: [...data.typeIds],
      OFFSET: data.type.mode === UnionMode.Dense ? [...data.valueOffsets] : void 0,
      children: this.visitMany(data.type.children, data.children)
    };
  }
  visitInterval(data) {
    switch (data.type.unit) {
      case IntervalUnit.YEAR_MONTH:
        return { DATA: [...data.values] };
      case IntervalUnit.DAY_TIME:
        return { DATA: toIntervalDayTimeObjects(data.values) };
      case IntervalUnit.MONTH_DAY_NANO:
        return { DATA: toIntervalMonthDayNanoObjects(data.values, !0) };
    }
  }
  visitDuration(data) {
    return { DATA: [...bigNumsToStrings(data.values, 2)] };
  }
  visitFixedSizeList(data) {
    return {
      children: this.visitMany(data.type.children, data.children)
    };
  }
  visitMap(data) {
    return {
      OFFSET: [...data.valueOffsets],
      children: this.visitMany(data.type.children, data.children)
    };
  }
};
function* binaryToString(vector) {
  for (let octets of vector)
    yield octets.reduce((str, byte) => `${str}${("0" + (byte & 255).toString(16)).slice(-2)}`, "").toUpperCase();
}
function* bigNumsToStrings(values, stride) {
  let u32s = new Uint32Array(values.buffer, values.byteOffset, values.byteLength / Uint32Array.BYTES_PER_ELEMENT);
  for (let i = -1, n = u32s.length / stride; ++i < n; )
    yield `${BN.new(u32s.subarray((i + 0) * stride, (i + 1) * stride), !1)}`;
}
function binaryViewDataToJSON(data, formatInlined) {
  let viewsData = data.values, dataView = new DataView(viewsData.buffer, viewsData.byteOffset, viewsData.byteLength), numViews = viewsData.byteLength / 16, bytesToHex = (bytes) => Array.from(bytes).map((b) => ("0" + (b & 255).toString(16)).slice(-2)).join("").toUpperCase(), parsedViews = Array.from({ length: numViews }, (_, i) => {
    let offset = i * 16, size = dataView.getInt32(offset, !0);
    return [offset, size];
  }).map(([offset, size]) => size > 12 ? {
    SIZE: size,
    PREFIX_HEX: bytesToHex(viewsData.subarray(offset + 4, offset + 8)),
    BUFFER_INDEX: dataView.getInt32(offset + 8, !0),
    OFFSET: dataView.getInt32(offset + 12, !0)
  } : {
    SIZE: size,
    INLINED: formatInlined(viewsData.subarray(offset + 4, offset + 4 + size))
  }), uniqueBufferIndices = [...new Set(parsedViews.map((v) => v.BUFFER_INDEX).filter((idx) => idx !== void 0))], variadicBuffers = uniqueBufferIndices.map((bufferIndex) => bytesToHex(data.variadicBuffers[bufferIndex])), bufferIndexMap = new Map(uniqueBufferIndices.map((bufferIndex, outputIndex) => [bufferIndex, outputIndex]));
  return { VIEWS: parsedViews.map((v) => v.BUFFER_INDEX !== void 0 ? Object.assign(Object.assign({}, v), { BUFFER_INDEX: bufferIndexMap.get(v.BUFFER_INDEX) }) : v), VARIADIC_DATA_BUFFERS: variadicBuffers };
}

// node_modules/apache-arrow/ipc/writer.mjs
var flatbuffers36 = __toESM(require_flatbuffers(), 1), RecordBatchWriter = class extends ReadableInterop {
  /** @nocollapse */
  // @ts-ignore
  static throughNode(options) {
    throw new Error('"throughNode" not available in this environment');
  }
  /** @nocollapse */
  static throughDOM(writableStrategy, readableStrategy) {
    throw new Error('"throughDOM" not available in this environment');
  }
  constructor(options) {
    if (super(), this._position = 0, this._started = !1, this._compression = null, this._sink = new AsyncByteQueue(), this._schema = null, this._dictionaryBlocks = [], this._recordBatchBlocks = [], this._seenDictionaries = /* @__PURE__ */ new Map(), this._dictionaryDeltaOffsets = /* @__PURE__ */ new Map(), isObject(options) || (options = { autoDestroy: !0, writeLegacyIpcFormat: !1, compressionType: null }), this._autoDestroy = typeof options.autoDestroy == "boolean" ? options.autoDestroy : !0, this._writeLegacyIpcFormat = typeof options.writeLegacyIpcFormat == "boolean" ? options.writeLegacyIpcFormat : !1, options.compressionType != null) {
      if (this._writeLegacyIpcFormat)
        throw new Error("Legacy IPC format does not support columnar compression. Use modern IPC format (writeLegacyIpcFormat=false).");
      if (Object.values(CompressionType).includes(options.compressionType))
        this._compression = new BodyCompression2(options.compressionType);
      else {
        let validCompressionTypes = Object.values(CompressionType).filter((v) => typeof v == "string");
        throw new Error(`Unsupported compressionType: ${options.compressionType} Available types: ${validCompressionTypes.join(", ")}`);
      }
    } else
      this._compression = null;
  }
  toString(sync = !1) {
    return this._sink.toString(sync);
  }
  toUint8Array(sync = !1) {
    return this._sink.toUint8Array(sync);
  }
  writeAll(input) {
    return isPromise(input) ? input.then((x) => this.writeAll(x)) : isAsyncIterable(input) ? writeAllAsync(this, input) : writeAll(this, input);
  }
  get closed() {
    return this._sink.closed;
  }
  [Symbol.asyncIterator]() {
    return this._sink[Symbol.asyncIterator]();
  }
  toDOMStream(options) {
    return this._sink.toDOMStream(options);
  }
  toNodeStream(options) {
    return this._sink.toNodeStream(options);
  }
  close() {
    return this.reset()._sink.close();
  }
  abort(reason) {
    return this.reset()._sink.abort(reason);
  }
  finish() {
    return this._autoDestroy ? this.close() : this.reset(this._sink, this._schema), this;
  }
  reset(sink = this._sink, schema = null) {
    return sink === this._sink || sink instanceof AsyncByteQueue ? this._sink = sink : (this._sink = new AsyncByteQueue(), sink && isWritableDOMStream(sink) ? this.toDOMStream({ type: "bytes" }).pipeTo(sink) : sink && isWritableNodeStream(sink) && this.toNodeStream({ objectMode: !1 }).pipe(sink)), this._started && this._schema && this._writeFooter(this._schema), this._started = !1, this._dictionaryBlocks = [], this._recordBatchBlocks = [], this._seenDictionaries = /* @__PURE__ */ new Map(), this._dictionaryDeltaOffsets = /* @__PURE__ */ new Map(), (!schema || !compareSchemas(schema, this._schema)) && (schema == null ? (this._position = 0, this._schema = null) : (this._started = !0, this._schema = schema, this._writeSchema(schema))), this;
  }
  write(payload) {
    let schema = null;
    if (this._sink) {
      if (payload == null)
        return this.finish() && void 0;
      if (payload instanceof Table && !(schema = payload.schema))
        return this.finish() && void 0;
      if (payload instanceof RecordBatch3 && !(schema = payload.schema))
        return this.finish() && void 0;
    } else throw new Error("RecordBatchWriter is closed");
    if (schema && !compareSchemas(schema, this._schema)) {
      if (this._started && this._autoDestroy)
        return this.close();
      this.reset(this._sink, schema);
    }
    payload instanceof RecordBatch3 ? payload instanceof _InternalEmptyPlaceholderRecordBatch || this._writeRecordBatch(payload) : payload instanceof Table ? this.writeAll(payload.batches) : isIterable(payload) && this.writeAll(payload);
  }
  _writeMessage(message, alignment = 8) {
    let a = alignment - 1, buffer = Message2.encode(message), flatbufferSize = buffer.byteLength, prefixSize = this._writeLegacyIpcFormat ? 4 : 8, alignedSize = flatbufferSize + prefixSize + a & ~a, nPaddingBytes = alignedSize - flatbufferSize - prefixSize;
    return message.headerType === MessageHeader.RecordBatch ? this._recordBatchBlocks.push(new FileBlock(alignedSize, message.bodyLength, this._position)) : message.headerType === MessageHeader.DictionaryBatch && this._dictionaryBlocks.push(new FileBlock(alignedSize, message.bodyLength, this._position)), this._writeLegacyIpcFormat || this._write(Int32Array.of(-1)), this._write(Int32Array.of(alignedSize - prefixSize)), flatbufferSize > 0 && this._write(buffer), this._writePadding(nPaddingBytes);
  }
  _write(chunk) {
    if (this._started) {
      let buffer = toUint8Array(chunk);
      buffer && buffer.byteLength > 0 && (this._sink.write(buffer), this._position += buffer.byteLength);
    }
    return this;
  }
  _writeSchema(schema) {
    return this._writeMessage(Message2.from(schema));
  }
  // @ts-ignore
  _writeFooter(schema) {
    return this._writeLegacyIpcFormat ? this._write(Int32Array.of(0)) : this._write(Int32Array.of(-1, 0));
  }
  _writeMagic() {
    return this._write(MAGIC);
  }
  _writePadding(nBytes) {
    return nBytes > 0 ? this._write(new Uint8Array(nBytes)) : this;
  }
  _writeRecordBatch(batch) {
    let { byteLength, nodes, bufferRegions, buffers, variadicBufferCounts } = this._assembleRecordBatch(batch), recordBatch = new RecordBatch2(batch.numRows, nodes, bufferRegions, this._compression, variadicBufferCounts, batch.metadata), message = Message2.from(recordBatch, byteLength);
    return this._writeDictionaries(batch)._writeMessage(message)._writeBodyBuffers(buffers);
  }
  _assembleRecordBatch(batch) {
    let { byteLength, nodes, bufferRegions, buffers, variadicBufferCounts } = VectorAssembler.assemble(batch);
    return this._compression != null && ({ byteLength, bufferRegions, buffers } = this._compressBodyBuffers(buffers)), { byteLength, nodes, bufferRegions, buffers, variadicBufferCounts };
  }
  _compressBodyBuffers(buffers) {
    let codec = compressionRegistry.get(this._compression.type);
    if (!codec?.encode || typeof codec.encode != "function")
      throw new Error(`Codec for compression type "${CompressionType[this._compression.type]}" has invalid encode method`);
    let currentOffset = 0, compressedBuffers = [], bufferRegions = [];
    for (let buffer of buffers) {
      let byteBuf = toUint8Array(buffer);
      if (byteBuf.length === 0) {
        compressedBuffers.push(new Uint8Array(0), new Uint8Array(0)), bufferRegions.push(new BufferRegion(currentOffset, 0));
        continue;
      }
      let compressed = codec.encode(byteBuf), isCompressionEffective = compressed.length < byteBuf.length, finalBuffer = isCompressionEffective ? compressed : byteBuf, byteLength = isCompressionEffective ? finalBuffer.length : -1, lengthPrefix = new flatbuffers36.ByteBuffer(new Uint8Array(8));
      lengthPrefix.writeInt64(0, BigInt(byteLength)), compressedBuffers.push(lengthPrefix.bytes(), new Uint8Array(finalBuffer));
      let padding = (currentOffset + 7 & -8) - currentOffset;
      currentOffset += padding;
      let fullBodyLength = 8 + finalBuffer.length;
      bufferRegions.push(new BufferRegion(currentOffset, fullBodyLength)), currentOffset += fullBodyLength;
    }
    let finalPadding = (currentOffset + 7 & -8) - currentOffset;
    return currentOffset += finalPadding, { byteLength: currentOffset, bufferRegions, buffers: compressedBuffers };
  }
  _writeDictionaryBatch(dictionary, id, isDelta = !1) {
    let { byteLength, nodes, bufferRegions, buffers, variadicBufferCounts } = this._assembleRecordBatch(new Vector([dictionary])), recordBatch = new RecordBatch2(dictionary.length, nodes, bufferRegions, this._compression, variadicBufferCounts), dictionaryBatch = new DictionaryBatch2(recordBatch, id, isDelta), message = Message2.from(dictionaryBatch, byteLength);
    return this._writeMessage(message)._writeBodyBuffers(buffers);
  }
  _writeBodyBuffers(buffers) {
    let bufGroupSize = this._compression != null ? 2 : 1, bufs = new Array(bufGroupSize);
    for (let i = 0; i < buffers.length; i += bufGroupSize) {
      let size = 0;
      for (let j = -1; ++j < bufGroupSize; )
        bufs[j] = buffers[i + j], size += bufs[j].byteLength;
      if (size === 0)
        continue;
      for (let buf of bufs)
        this._write(buf);
      let padding = (size + 7 & -8) - size;
      padding > 0 && this._writePadding(padding);
    }
    return this;
  }
  _writeDictionaries(batch) {
    var _a5, _b2;
    for (let [id, dictionary] of batch.dictionaries) {
      let chunks = (_a5 = dictionary?.data) !== null && _a5 !== void 0 ? _a5 : [], prevDictionary = this._seenDictionaries.get(id), offset = (_b2 = this._dictionaryDeltaOffsets.get(id)) !== null && _b2 !== void 0 ? _b2 : 0;
      if (!prevDictionary || prevDictionary.data[0] !== chunks[0])
        for (let [index, chunk] of chunks.entries())
          this._writeDictionaryBatch(chunk, id, index > 0);
      else if (offset < chunks.length)
        for (let chunk of chunks.slice(offset))
          this._writeDictionaryBatch(chunk, id, !0);
      this._seenDictionaries.set(id, dictionary), this._dictionaryDeltaOffsets.set(id, chunks.length);
    }
    return this;
  }
}, RecordBatchStreamWriter = class _RecordBatchStreamWriter extends RecordBatchWriter {
  /** @nocollapse */
  static writeAll(input, options) {
    let writer = new _RecordBatchStreamWriter(options);
    return isPromise(input) ? input.then((x) => writer.writeAll(x)) : isAsyncIterable(input) ? writeAllAsync(writer, input) : writeAll(writer, input);
  }
}, RecordBatchFileWriter = class _RecordBatchFileWriter extends RecordBatchWriter {
  /** @nocollapse */
  static writeAll(input, options) {
    let writer = new _RecordBatchFileWriter(options);
    return isPromise(input) ? input.then((x) => writer.writeAll(x)) : isAsyncIterable(input) ? writeAllAsync(writer, input) : writeAll(writer, input);
  }
  constructor(options) {
    super(options), this._autoDestroy = !0, this._writeLegacyIpcFormat = !1;
  }
  // @ts-ignore
  _writeSchema(schema) {
    return this._writeMagic()._writePadding(2);
  }
  _writeDictionaryBatch(dictionary, id, isDelta = !1) {
    if (!isDelta && this._seenDictionaries.has(id))
      throw new Error("The Arrow File format does not support replacement dictionaries. ");
    return super._writeDictionaryBatch(dictionary, id, isDelta);
  }
  _writeFooter(schema) {
    let buffer = Footer_.encode(new Footer_(schema, MetadataVersion.V5, this._recordBatchBlocks, this._dictionaryBlocks));
    return super._writeFooter(schema)._write(buffer)._write(Int32Array.of(buffer.byteLength))._writeMagic();
  }
}, RecordBatchJSONWriter = class _RecordBatchJSONWriter extends RecordBatchWriter {
  /** @nocollapse */
  static writeAll(input) {
    return new _RecordBatchJSONWriter().writeAll(input);
  }
  constructor() {
    super(), this._autoDestroy = !0, this._recordBatches = [], this._recordBatchesWithDictionaries = [];
  }
  _writeMessage() {
    return this;
  }
  // @ts-ignore
  _writeFooter(schema) {
    return this;
  }
  _writeSchema(schema) {
    return this._write(`{
  "schema": ${JSON.stringify({ fields: schema.fields.map((field) => fieldToJSON(field)) }, null, 2)}`);
  }
  _writeDictionaries(batch) {
    return batch.dictionaries.size > 0 && this._recordBatchesWithDictionaries.push(batch), this;
  }
  _writeDictionaryBatch(dictionary, id, isDelta = !1) {
    return this._write(this._dictionaryBlocks.length === 0 ? "    " : `,
    `), this._write(dictionaryBatchToJSON(dictionary, id, isDelta)), this._dictionaryBlocks.push(new FileBlock(0, 0, 0)), this;
  }
  _writeRecordBatch(batch) {
    return this._writeDictionaries(batch), this._recordBatches.push(batch), this;
  }
  close() {
    if (this._recordBatchesWithDictionaries.length > 0) {
      this._write(`,
  "dictionaries": [
`);
      for (let batch of this._recordBatchesWithDictionaries)
        super._writeDictionaries(batch);
      this._write(`
  ]`);
    }
    if (this._recordBatches.length > 0) {
      for (let i = -1, n = this._recordBatches.length; ++i < n; )
        this._write(i === 0 ? `,
  "batches": [
    ` : `,
    `), this._write(recordBatchToJSON(this._recordBatches[i])), this._recordBatchBlocks.push(new FileBlock(0, 0, 0));
      this._write(`
  ]`);
    }
    return this._schema && this._write(`
}`), this._recordBatchesWithDictionaries = [], this._recordBatches = [], super.close();
  }
};
function writeAll(writer, input) {
  let chunks = input;
  input instanceof Table && (chunks = input.batches, writer.reset(void 0, input.schema));
  for (let batch of chunks)
    writer.write(batch);
  return writer.finish();
}
function writeAllAsync(writer, batches) {
  return __awaiter(this, void 0, void 0, function* () {
    var _a5, batches_1, batches_1_1, _b2, e_1, _c2, _d2;
    try {
      for (_a5 = !0, batches_1 = __asyncValues(batches); batches_1_1 = yield batches_1.next(), _b2 = batches_1_1.done, !_b2; _a5 = !0) {
        _d2 = batches_1_1.value, _a5 = !1;
        let batch = _d2;
        writer.write(batch);
      }
    } catch (e_1_1) {
      e_1 = { error: e_1_1 };
    } finally {
      try {
        !_a5 && !_b2 && (_c2 = batches_1.return) && (yield _c2.call(batches_1));
      } finally {
        if (e_1) throw e_1.error;
      }
    }
    return writer.finish();
  });
}
function fieldToJSON({ name, type, nullable }) {
  let assembler = new JSONTypeAssembler();
  return {
    name,
    nullable,
    type: assembler.visit(type),
    children: (type.children || []).map((field) => fieldToJSON(field)),
    dictionary: DataType.isDictionary(type) ? {
      id: type.id,
      isOrdered: type.isOrdered,
      indexType: assembler.visit(type.indices)
    } : void 0
  };
}
function dictionaryBatchToJSON(dictionary, id, isDelta = !1) {
  let [columns] = JSONVectorAssembler.assemble(new RecordBatch3({ [id]: dictionary }));
  return JSON.stringify({
    id,
    isDelta,
    data: {
      count: dictionary.length,
      columns
    }
  }, null, 2);
}
function recordBatchToJSON(records) {
  let [columns] = JSONVectorAssembler.assemble(records);
  return JSON.stringify({
    count: records.numRows,
    columns
  }, null, 2);
}

// node_modules/apache-arrow/io/node/iterable.mjs
import { Readable } from "node:stream";
function toNodeStream(source, options) {
  if (isAsyncIterable(source))
    return new AsyncIterableReadable(source[Symbol.asyncIterator](), options);
  if (isIterable(source))
    return new IterableReadable(source[Symbol.iterator](), options);
  throw new Error("toNodeStream() must be called with an Iterable or AsyncIterable");
}
var IterableReadable = class extends Readable {
  constructor(it, options) {
    super(options), this._iterator = it, this._pulling = !1, this._bytesMode = !options || !options.objectMode;
  }
  _read(size) {
    let it = this._iterator;
    it && !this._pulling && (this._pulling = !0) && (this._pulling = this._pull(size, it));
  }
  _destroy(e, cb) {
    let it = this._iterator, fn;
    it && (fn = e != null && it.throw || it.return), fn?.call(it, e), cb && cb(null);
  }
  _pull(size, it) {
    let bm = this._bytesMode, r = null;
    for (; this.readable && !(r = it.next(bm ? size : null)).done && (size != null && (size -= bm && ArrayBuffer.isView(r.value) ? r.value.byteLength : 1), !(!this.push(r.value) || size <= 0)); )
      ;
    return (r?.done || !this.readable) && (this.push(null) || !0) && it.return && it.return(), !this.readable;
  }
}, AsyncIterableReadable = class extends Readable {
  constructor(it, options) {
    super(options), this._iterator = it, this._pulling = !1, this._bytesMode = !options || !options.objectMode;
  }
  _read(size) {
    let it = this._iterator;
    it && !this._pulling && (this._pulling = !0) && __awaiter(this, void 0, void 0, function* () {
      return this._pulling = yield this._pull(size, it);
    });
  }
  _destroy(e, cb) {
    let it = this._iterator, fn;
    it && (fn = e != null && it.throw || it.return), fn?.call(it, e).then(() => cb && cb(null)) || cb && cb(null);
  }
  _pull(size, it) {
    return __awaiter(this, void 0, void 0, function* () {
      let bm = this._bytesMode, r = null;
      for (; this.readable && !(r = yield it.next(bm ? size : null)).done && (size != null && (size -= bm && ArrayBuffer.isView(r.value) ? r.value.byteLength : 1), !(!this.push(r.value) || size <= 0)); )
        ;
      return (r?.done || !this.readable) && (this.push(null) || !0) && it.return && it.return(), !this.readable;
    });
  }
};

// node_modules/apache-arrow/io/node/builder.mjs
import { Duplex } from "node:stream";
function builderThroughNodeStream(options) {
  return new BuilderDuplex(makeBuilder(options), options);
}
var BuilderDuplex = class extends Duplex {
  constructor(builder, options) {
    let { queueingStrategy = "count", autoDestroy = !0 } = options, { highWaterMark = queueingStrategy !== "bytes" ? 1e3 : Math.pow(2, 14) } = options;
    super({ autoDestroy, highWaterMark: 1, allowHalfOpen: !0, writableObjectMode: !0, readableObjectMode: !0 }), this._numChunks = 0, this._finished = !1, this._builder = builder, this._desiredSize = highWaterMark, this._getSize = queueingStrategy !== "bytes" ? builderLength : builderByteLength;
  }
  _read(size) {
    this._maybeFlush(this._builder, this._desiredSize = size);
  }
  _final(cb) {
    this._maybeFlush(this._builder.finish(), this._desiredSize), cb && cb();
  }
  _write(value, _, cb) {
    let result = this._maybeFlush(this._builder.append(value), this._desiredSize);
    return cb && cb(), result;
  }
  _destroy(err, cb) {
    this._builder.clear(), cb && cb(err);
  }
  _maybeFlush(builder, size) {
    return this._getSize(builder) >= size && ++this._numChunks && this.push(builder.toVector()), builder.finished ? ((builder.length > 0 || this._numChunks === 0) && ++this._numChunks && this.push(builder.toVector()), !this._finished && (this._finished = !0) && this.push(null), !1) : this._getSize(builder) < this.writableHighWaterMark;
  }
}, builderLength = (builder) => builder.length, builderByteLength = (builder) => builder.byteLength;

// node_modules/apache-arrow/io/node/reader.mjs
import { Duplex as Duplex2 } from "node:stream";
function recordBatchReaderThroughNodeStream(options) {
  return new RecordBatchReaderDuplex(options);
}
var RecordBatchReaderDuplex = class extends Duplex2 {
  constructor(options) {
    super(Object.assign(Object.assign({ allowHalfOpen: !1 }, options), { readableObjectMode: !0, writableObjectMode: !1 })), this._pulling = !1, this._autoDestroy = !0, this._reader = null, this._pulling = !1, this._asyncQueue = new AsyncByteQueue(), this._autoDestroy = options && typeof options.autoDestroy == "boolean" ? options.autoDestroy : !0;
  }
  _final(cb) {
    let aq = this._asyncQueue;
    aq?.close(), cb && cb();
  }
  _write(x, _, cb) {
    let aq = this._asyncQueue;
    return aq?.write(x), cb && cb(), !0;
  }
  _read(size) {
    let aq = this._asyncQueue;
    aq && !this._pulling && (this._pulling = !0) && __awaiter(this, void 0, void 0, function* () {
      this._reader || (this._reader = yield this._open(aq)), this._pulling = yield this._pull(size, this._reader);
    });
  }
  _destroy(err, cb) {
    let aq = this._asyncQueue;
    aq && (err ? aq.abort(err) : aq.close()), cb(this._asyncQueue = this._reader = null);
  }
  _open(source) {
    return __awaiter(this, void 0, void 0, function* () {
      return yield (yield RecordBatchReader.from(source)).open({ autoDestroy: this._autoDestroy });
    });
  }
  _pull(size, reader) {
    return __awaiter(this, void 0, void 0, function* () {
      let r = null;
      for (; this.readable && !(r = yield reader.next()).done && !(!this.push(r.value) || size != null && --size <= 0); )
        ;
      return (!this.readable || r?.done && (reader.autoDestroy || (yield reader.reset().open()).closed)) && (this.push(null), yield reader.cancel()), !this.readable;
    });
  }
};

// node_modules/apache-arrow/io/node/writer.mjs
import { Duplex as Duplex3 } from "node:stream";
function recordBatchWriterThroughNodeStream(options) {
  return new RecordBatchWriterDuplex(new this(options));
}
var RecordBatchWriterDuplex = class extends Duplex3 {
  constructor(writer, options) {
    super(Object.assign(Object.assign({ allowHalfOpen: !1 }, options), { writableObjectMode: !0, readableObjectMode: !1 })), this._pulling = !1, this._writer = writer, this._reader = new AsyncByteStream(writer);
  }
  _final(cb) {
    let writer = this._writer;
    writer?.close(), cb && cb();
  }
  _write(x, _, cb) {
    let writer = this._writer;
    return writer?.write(x), cb && cb(), !0;
  }
  _read(size) {
    let it = this._reader;
    it && !this._pulling && (this._pulling = !0) && __awaiter(this, void 0, void 0, function* () {
      return this._pulling = yield this._pull(size, it);
    });
  }
  _destroy(err, cb) {
    let writer = this._writer;
    writer && (err ? writer.abort(err) : writer.close()), cb(this._reader = this._writer = null);
  }
  _pull(size, reader) {
    return __awaiter(this, void 0, void 0, function* () {
      let r = null;
      for (; this.readable && !(r = yield reader.next(size || null)).done && (size != null && r.value && (size -= r.value.byteLength), !(!this.push(r.value) || size <= 0)); )
        ;
      return (r?.done || !this.readable) && (this.push(null), yield reader.cancel()), !this.readable;
    });
  }
};

// node_modules/apache-arrow/io/whatwg/iterable.mjs
function toDOMStream(source, options) {
  if (isAsyncIterable(source))
    return asyncIterableAsReadableDOMStream(source, options);
  if (isIterable(source))
    return iterableAsReadableDOMStream(source, options);
  throw new Error("toDOMStream() must be called with an Iterable or AsyncIterable");
}
function iterableAsReadableDOMStream(source, options) {
  let it = null, bm = options?.type === "bytes" || !1, hwm = options?.highWaterMark || Math.pow(2, 24);
  return new ReadableStream(Object.assign(Object.assign({}, options), {
    start(controller) {
      next(controller, it || (it = source[Symbol.iterator]()));
    },
    pull(controller) {
      it ? next(controller, it) : controller.close();
    },
    cancel() {
      it?.return && it.return(), it = null;
    }
  }), Object.assign({ highWaterMark: bm ? hwm : void 0 }, options));
  function next(controller, it2) {
    let buf, r = null, size = controller.desiredSize || null;
    for (; !(r = it2.next(bm ? size : null)).done; )
      if (ArrayBuffer.isView(r.value) && (buf = toUint8Array(r.value)) && (size != null && bm && (size = size - buf.byteLength + 1), r.value = buf), controller.enqueue(r.value), size != null && --size <= 0)
        return;
    controller.close();
  }
}
function asyncIterableAsReadableDOMStream(source, options) {
  let it = null, bm = options?.type === "bytes" || !1, hwm = options?.highWaterMark || Math.pow(2, 24);
  return new ReadableStream(Object.assign(Object.assign({}, options), {
    start(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        yield next(controller, it || (it = source[Symbol.asyncIterator]()));
      });
    },
    pull(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        it ? yield next(controller, it) : controller.close();
      });
    },
    cancel() {
      return __awaiter(this, void 0, void 0, function* () {
        it?.return && (yield it.return()), it = null;
      });
    }
  }), Object.assign({ highWaterMark: bm ? hwm : void 0 }, options));
  function next(controller, it2) {
    return __awaiter(this, void 0, void 0, function* () {
      let buf, r = null, size = controller.desiredSize || null;
      for (; !(r = yield it2.next(bm ? size : null)).done; )
        if (ArrayBuffer.isView(r.value) && (buf = toUint8Array(r.value)) && (size != null && bm && (size = size - buf.byteLength + 1), r.value = buf), controller.enqueue(r.value), size != null && --size <= 0)
          return;
      controller.close();
    });
  }
}

// node_modules/apache-arrow/io/whatwg/builder.mjs
function builderThroughDOMStream(options) {
  return new BuilderTransform(options);
}
var BuilderTransform = class {
  constructor(options) {
    this._numChunks = 0, this._finished = !1, this._bufferedSize = 0;
    let { ["readableStrategy"]: readableStrategy, ["writableStrategy"]: writableStrategy, ["queueingStrategy"]: queueingStrategy = "count" } = options, builderOptions = __rest(options, ["readableStrategy", "writableStrategy", "queueingStrategy"]);
    this._controller = null, this._builder = makeBuilder(builderOptions), this._getSize = queueingStrategy !== "bytes" ? chunkLength : chunkByteLength;
    let { ["highWaterMark"]: readableHighWaterMark = queueingStrategy === "bytes" ? Math.pow(2, 14) : 1e3 } = Object.assign({}, readableStrategy), { ["highWaterMark"]: writableHighWaterMark = queueingStrategy === "bytes" ? Math.pow(2, 14) : 1e3 } = Object.assign({}, writableStrategy);
    this.readable = new ReadableStream({
      cancel: () => {
        this._builder.clear();
      },
      pull: (c) => {
        this._maybeFlush(this._builder, this._controller = c);
      },
      start: (c) => {
        this._maybeFlush(this._builder, this._controller = c);
      }
    }, {
      highWaterMark: readableHighWaterMark,
      size: queueingStrategy !== "bytes" ? chunkLength : chunkByteLength
    }), this.writable = new WritableStream({
      abort: () => {
        this._builder.clear();
      },
      write: () => {
        this._maybeFlush(this._builder, this._controller);
      },
      close: () => {
        this._maybeFlush(this._builder.finish(), this._controller);
      }
    }, {
      highWaterMark: writableHighWaterMark,
      size: (value) => this._writeValueAndReturnChunkSize(value)
    });
  }
  _writeValueAndReturnChunkSize(value) {
    let bufferedSize = this._bufferedSize;
    return this._bufferedSize = this._getSize(this._builder.append(value)), this._bufferedSize - bufferedSize;
  }
  _maybeFlush(builder, controller) {
    controller != null && (this._bufferedSize >= controller.desiredSize && ++this._numChunks && this._enqueue(controller, builder.toVector()), builder.finished && ((builder.length > 0 || this._numChunks === 0) && ++this._numChunks && this._enqueue(controller, builder.toVector()), !this._finished && (this._finished = !0) && this._enqueue(controller, null)));
  }
  _enqueue(controller, chunk) {
    this._bufferedSize = 0, this._controller = null, chunk == null ? controller.close() : controller.enqueue(chunk);
  }
}, chunkLength = (chunk) => {
  var _a5;
  return (_a5 = chunk?.length) !== null && _a5 !== void 0 ? _a5 : 0;
}, chunkByteLength = (chunk) => {
  var _a5;
  return (_a5 = chunk?.byteLength) !== null && _a5 !== void 0 ? _a5 : 0;
};

// node_modules/apache-arrow/io/whatwg/reader.mjs
function recordBatchReaderThroughDOMStream(writableStrategy, readableStrategy) {
  let queue = new AsyncByteQueue(), reader = null, readable = new ReadableStream({
    cancel() {
      return __awaiter(this, void 0, void 0, function* () {
        yield queue.close();
      });
    },
    start(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        yield next(controller, reader || (reader = yield open()));
      });
    },
    pull(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        reader ? yield next(controller, reader) : controller.close();
      });
    }
  });
  return { writable: new WritableStream(queue, Object.assign({ highWaterMark: Math.pow(2, 14) }, writableStrategy)), readable };
  function open() {
    return __awaiter(this, void 0, void 0, function* () {
      return yield (yield RecordBatchReader.from(queue)).open(readableStrategy);
    });
  }
  function next(controller, reader2) {
    return __awaiter(this, void 0, void 0, function* () {
      let size = controller.desiredSize, r = null;
      for (; !(r = yield reader2.next()).done; )
        if (controller.enqueue(r.value), size != null && --size <= 0)
          return;
      controller.close();
    });
  }
}

// node_modules/apache-arrow/io/whatwg/writer.mjs
function recordBatchWriterThroughDOMStream(writableStrategy, readableStrategy) {
  let writer = new this(writableStrategy), reader = new AsyncByteStream(writer), readable = new ReadableStream({
    // type: 'bytes',
    cancel() {
      return __awaiter(this, void 0, void 0, function* () {
        yield reader.cancel();
      });
    },
    pull(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        yield next(controller);
      });
    },
    start(controller) {
      return __awaiter(this, void 0, void 0, function* () {
        yield next(controller);
      });
    }
  }, Object.assign({ highWaterMark: Math.pow(2, 14) }, readableStrategy));
  return { writable: new WritableStream(writer, writableStrategy), readable };
  function next(controller) {
    return __awaiter(this, void 0, void 0, function* () {
      let buf = null, size = controller.desiredSize;
      for (; buf = yield reader.read(size || null); )
        if (controller.enqueue(buf), size != null && (size -= buf.byteLength) <= 0)
          return;
      controller.close();
    });
  }
}

// node_modules/apache-arrow/ipc/serialization.mjs
function tableFromIPC(input) {
  let reader = RecordBatchReader.from(input);
  return isPromise(reader) ? reader.then((reader2) => tableFromIPC(reader2)) : reader.isAsync() ? reader.readAll().then((xs) => new Table(xs)) : new Table(reader.readAll());
}
function tableToIPC(table, type = "stream", compressionType = null) {
  let writerOptions = { compressionType };
  return (type === "stream" ? RecordBatchStreamWriter : RecordBatchFileWriter).writeAll(table, writerOptions).toUint8Array(!0);
}

// node_modules/apache-arrow/util/typecheck.mjs
var typecheck_exports = {};
__export(typecheck_exports, {
  isArrowData: () => isArrowData,
  isArrowDataType: () => isArrowDataType,
  isArrowField: () => isArrowField,
  isArrowRecordBatch: () => isArrowRecordBatch,
  isArrowSchema: () => isArrowSchema,
  isArrowTable: () => isArrowTable,
  isArrowVector: () => isArrowVector
});
function isArrowSchema(x) {
  return Schema2.isSchema(x);
}
function isArrowField(x) {
  return Field2.isField(x);
}
function isArrowDataType(x) {
  return DataType.isDataType(x);
}
function isArrowData(x) {
  return Data.isData(x);
}
function isArrowVector(x) {
  return Vector.isVector(x);
}
function isArrowRecordBatch(x) {
  return RecordBatch3.isRecordBatch(x);
}
function isArrowTable(x) {
  return Table.isTable(x);
}

// node_modules/apache-arrow/Arrow.mjs
var util = Object.assign(Object.assign(Object.assign(Object.assign(Object.assign(Object.assign(Object.assign(Object.assign(Object.assign(Object.assign({}, bn_exports), int_exports), bit_exports), math_exports), buffer_exports), vector_exports), pretty_exports), interval_exports), typecheck_exports), {
  compareSchemas,
  compareFields,
  compareTypes
});

// node_modules/apache-arrow/Arrow.dom.mjs
adapters_default.toDOMStream = toDOMStream;
Builder.throughDOM = builderThroughDOMStream;
RecordBatchReader.throughDOM = recordBatchReaderThroughDOMStream;
RecordBatchFileReader.throughDOM = recordBatchReaderThroughDOMStream;
RecordBatchStreamReader.throughDOM = recordBatchReaderThroughDOMStream;
RecordBatchWriter.throughDOM = recordBatchWriterThroughDOMStream;
RecordBatchFileWriter.throughDOM = recordBatchWriterThroughDOMStream;
RecordBatchStreamWriter.throughDOM = recordBatchWriterThroughDOMStream;

// node_modules/apache-arrow/Arrow.node.mjs
adapters_default.toNodeStream = toNodeStream;
Builder.throughNode = builderThroughNodeStream;
RecordBatchReader.throughNode = recordBatchReaderThroughNodeStream;
RecordBatchWriter.throughNode = recordBatchWriterThroughNodeStream;
export {
  AsyncByteQueue,
  AsyncByteStream,
  AsyncMessageReader,
  AsyncRecordBatchFileReader,
  AsyncRecordBatchStreamReader,
  Binary2 as Binary,
  BinaryBuilder,
  BinaryView2 as BinaryView,
  BinaryViewBuilder,
  Bool2 as Bool,
  BoolBuilder,
  BufferType,
  Builder,
  ByteStream,
  CompressionType,
  Data,
  DataType,
  DateBuilder,
  DateDay,
  DateDayBuilder,
  DateMillisecond,
  DateMillisecondBuilder,
  DateUnit,
  Date_,
  Decimal2 as Decimal,
  DecimalBuilder,
  DenseUnion,
  DenseUnionBuilder,
  Dictionary,
  DictionaryBuilder,
  Duration2 as Duration,
  DurationBuilder,
  DurationMicrosecond,
  DurationMicrosecondBuilder,
  DurationMillisecond,
  DurationMillisecondBuilder,
  DurationNanosecond,
  DurationNanosecondBuilder,
  DurationSecond,
  DurationSecondBuilder,
  Field2 as Field,
  FixedSizeBinary2 as FixedSizeBinary,
  FixedSizeBinaryBuilder,
  FixedSizeList2 as FixedSizeList,
  FixedSizeListBuilder,
  Float,
  Float16,
  Float16Builder,
  Float32,
  Float32Builder,
  Float64,
  Float64Builder,
  FloatBuilder,
  Int_ as Int,
  Int16,
  Int16Builder,
  Int32,
  Int32Builder,
  Int64,
  Int64Builder,
  Int8,
  Int8Builder,
  IntBuilder,
  Interval_ as Interval,
  IntervalBuilder,
  IntervalDayTime,
  IntervalDayTimeBuilder,
  IntervalMonthDayNano,
  IntervalMonthDayNanoBuilder,
  IntervalUnit,
  IntervalYearMonth,
  IntervalYearMonthBuilder,
  JSONMessageReader,
  LargeBinary2 as LargeBinary,
  LargeBinaryBuilder,
  LargeList2 as LargeList,
  LargeListBuilder,
  LargeUtf82 as LargeUtf8,
  LargeUtf8Builder,
  List2 as List,
  ListBuilder,
  MapBuilder,
  MapRow,
  Map_,
  Message2 as Message,
  MessageHeader,
  MessageReader,
  MetadataVersion,
  Null2 as Null,
  NullBuilder,
  Precision,
  RecordBatch3 as RecordBatch,
  RecordBatchFileReader,
  RecordBatchFileWriter,
  RecordBatchJSONWriter,
  RecordBatchReader,
  RecordBatchStreamReader,
  RecordBatchStreamWriter,
  RecordBatchWriter,
  Schema2 as Schema,
  SparseUnion,
  SparseUnionBuilder,
  Struct,
  StructBuilder,
  StructRow,
  Table,
  Time_ as Time,
  TimeBuilder,
  TimeMicrosecond,
  TimeMicrosecondBuilder,
  TimeMillisecond,
  TimeMillisecondBuilder,
  TimeNanosecond,
  TimeNanosecondBuilder,
  TimeSecond,
  TimeSecondBuilder,
  TimeUnit,
  Timestamp_ as Timestamp,
  TimestampBuilder,
  TimestampMicrosecond,
  TimestampMicrosecondBuilder,
  TimestampMillisecond,
  TimestampMillisecondBuilder,
  TimestampNanosecond,
  TimestampNanosecondBuilder,
  TimestampSecond,
  TimestampSecondBuilder,
  Type2 as Type,
  Uint16,
  Uint16Builder,
  Uint32,
  Uint32Builder,
  Uint64,
  Uint64Builder,
  Uint8,
  Uint8Builder,
  Union_ as Union,
  UnionBuilder,
  UnionMode,
  Utf82 as Utf8,
  Utf8Builder,
  Utf8View2 as Utf8View,
  Utf8ViewBuilder,
  Vector,
  Visitor,
  builderThroughAsyncIterable,
  builderThroughIterable,
  compressionRegistry,
  isArrowData,
  isArrowDataType,
  isArrowField,
  isArrowRecordBatch,
  isArrowSchema,
  isArrowTable,
  isArrowVector,
  makeBuilder,
  makeData,
  makeTable,
  makeVector,
  tableFromArrays,
  tableFromIPC,
  tableFromJSON,
  tableToIPC,
  util,
  vectorFromArray
};
