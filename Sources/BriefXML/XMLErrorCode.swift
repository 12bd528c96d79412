import CLibXML2

/// libxml2's number for a problem (`xmlParserErrors` in `xmlerror.h`), or `none` for problems found by this module.
///
/// Problems are told apart by these numbers, which are libxml2's API, not by the wording of its messages, which
/// is not (2.13 rewrote many). The named ones are those brief words differently; any other is kept as a number.
public struct XMLErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    init(_ code: xmlParserErrors) {
        self.rawValue = Int(code.rawValue)
    }

    public var description: String { String(rawValue) }

    /// A problem this module found itself (an encoding refused before parsing, a limit, a DOCTYPE...).
    public static let none = XMLErrorCode(rawValue: 0)

    // MARK: Well-formedness (XML_FROM_PARSER)

    /// `XML_ERR_DOCUMENT_EMPTY`: no root element.
    public static let documentEmpty = XMLErrorCode(XML_ERR_DOCUMENT_EMPTY)
    /// `XML_ERR_DOCUMENT_END`: content after the root element.
    public static let contentAfterRoot = XMLErrorCode(XML_ERR_DOCUMENT_END)
    /// `XML_ERR_INVALID_CHAR`: bytes that are not UTF-8, or a character (written or referenced) XML does not allow.
    public static let invalidCharacter = XMLErrorCode(XML_ERR_INVALID_CHAR)
    /// `XML_ERR_ATTRIBUTE_NOT_STARTED`: an attribute value without its opening quote.
    public static let attributeNotStarted = XMLErrorCode(XML_ERR_ATTRIBUTE_NOT_STARTED)
    /// `XML_ERR_ATTRIBUTE_NOT_FINISHED`: an attribute value without its closing quote.
    public static let attributeNotFinished = XMLErrorCode(XML_ERR_ATTRIBUTE_NOT_FINISHED)
    /// `XML_ERR_LTSLASH_REQUIRED`: the document ends where an end tag should be.
    public static let endTagMissing = XMLErrorCode(XML_ERR_LTSLASH_REQUIRED)
    /// `XML_ERR_TAG_NOT_FINISHED`: the document ends inside an element.
    public static let elementNotFinished = XMLErrorCode(XML_ERR_TAG_NOT_FINISHED)

    // MARK: Schema validity (XML_FROM_SCHEMASV)

    /// `XML_SCHEMAV_ELEMENT_CONTENT`: raised at an element's start, a child that the content model does not
    /// expect there; at an element's end, required children missing. (libxml2 uses one number for both.)
    public static let elementContent = XMLErrorCode(XML_SCHEMAV_ELEMENT_CONTENT)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_4`: a required attribute is missing; the first detail is its name.
    public static let requiredAttributeMissing = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_4)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1`: an attribute the type does not declare (no attribute wildcard).
    public static let attributeNotAllowed = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2`: an attribute that the type's attribute wildcard does not allow.
    public static let attributeNotAllowedByWildcard = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2)
    /// `XML_SCHEMAV_CVC_TYPE_3_1_1`: an attribute on an element of a simple type (which can have none).
    public static let attributeOnSimpleType = XMLErrorCode(XML_SCHEMAV_CVC_TYPE_3_1_1)
    /// `XML_SCHEMAV_CVC_ENUMERATION_VALID`: details are the value and the allowed set (`'a', 'b'`).
    public static let enumeration = XMLErrorCode(XML_SCHEMAV_CVC_ENUMERATION_VALID)
    /// `XML_SCHEMAV_CVC_PATTERN_VALID`: details are the value and the pattern.
    public static let pattern = XMLErrorCode(XML_SCHEMAV_CVC_PATTERN_VALID)
    /// `XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID`: details are the value and the maximum.
    public static let maxInclusive = XMLErrorCode(XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID)
    /// `XML_SCHEMAV_CVC_MINLENGTH_VALID`: details are the value and the minimum length.
    public static let minLength = XMLErrorCode(XML_SCHEMAV_CVC_MINLENGTH_VALID)
    /// `XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1`: a value of no atomic type's lexical space; the value is the first
    /// detail when libxml2 shows it (attributes).
    public static let atomicTypeValue = XMLErrorCode(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1)
    /// `XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2`: as `atomicTypeValue`, for a list type.
    public static let listTypeValue = XMLErrorCode(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2)
    /// `XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3`: as `atomicTypeValue`, for a union type.
    public static let unionTypeValue = XMLErrorCode(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1`: a child element (raised at its start), or text (raised with the
    /// text), in an element whose content type is empty.
    public static let elementInEmptyContent = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2`: a child element in an element of simple content.
    public static let elementInSimpleContent = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2)
    /// `XML_SCHEMAV_CVC_TYPE_3_1_2`: a child element in an element of a simple type.
    public static let elementInSimpleType = XMLErrorCode(XML_SCHEMAV_CVC_TYPE_3_1_2)
    /// `XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3`: text in an element whose content is elements only.
    public static let textInElementOnlyContent = XMLErrorCode(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3)
    /// `XML_SCHEMAV_CVC_ELT_1`: the root element has no global declaration.
    public static let noDeclarationForRoot = XMLErrorCode(XML_SCHEMAV_CVC_ELT_1)
    /// `XML_SCHEMAV_CVC_IDC`: an identity constraint (unique, key, keyref) failed, or could not be evaluated
    /// because a field's value is itself invalid. libxml2 uses this one number for all of them.
    public static let identityConstraint = XMLErrorCode(XML_SCHEMAV_CVC_IDC)
}
