# نصوص صفحات الإدارة (/admin…). كل مفتاح يبدأ بـ "admin-".

## التنقل

admin-nav-users = فريق العمل
admin-nav-accounts = حسابات العملاء
admin-nav-outbox = صندوق الصادر

## نظرة عامة

admin-overview-title = الإدارة
admin-overview-intro = ما يحتاج إلى انتباهك، ومكان إدارة فريق العمل وحسابات العملاء والرسائل الصادرة.
admin-overview-users = أعضاء الفريق
admin-overview-users-value = { $count } نشط من أصل { $all }
admin-overview-users-link = إدارة فريق العمل
admin-overview-accounts = حسابات العملاء
admin-overview-accounts-value =
    { $count ->
        [zero] لا توجد حسابات
        [one] حساب واحد
        [two] حسابان
        [few] { $count } حسابات
       *[other] { $count } حسابًا
    }
admin-overview-accounts-link = إدارة الحسابات والشرائح
admin-overview-failed = رسائل تعذّر تسليمها
admin-overview-failed-value =
    { $count ->
        [0] لا توجد رسائل تعذّر تسليمها
        [one] تعذّر تسليم رسالة واحدة
        [two] تعذّر تسليم رسالتين
        [few] تعذّر تسليم { $count } رسائل
       *[other] تعذّر تسليم { $count } رسالة
    }
admin-overview-failed-link = مراجعة الرسائل التي تعذّر تسليمها
admin-overview-pending = بانتظار الإرسال
admin-overview-pending-value =
    { $count ->
        [0] لا شيء بانتظار الإرسال
        [one] رسالة واحدة
        [two] رسالتان
        [few] { $count } رسائل
       *[other] { $count } رسالة
    }
admin-overview-pending-link = عرض الرسائل المنتظرة

## عام

admin-more = عرض المزيد
admin-added-on = أُضيف في { $when }

## فريق العمل

admin-users-title = أعضاء الفريق
admin-users-add = إضافة عضو إلى الفريق
admin-users-add-hint = سلّم كلمة المرور للزميل شخصيًا أو عبر قناة آمنة؛ ويمكنه تغييرها بعد تسجيل الدخول.
admin-users-add-submit = إضافة
admin-role-admin = مسؤول النظام
admin-role-csm = مدير نجاح العملاء
admin-role-marketing = التسويق
admin-user-active = نشط
admin-user-inactive = معطّل
admin-user-added = تمت إضافة { $name } ويمكنه تسجيل الدخول الآن.
admin-user-changed = تم حفظ التغيير، وسُجّل خروج المستخدم من جميع أجهزته.
admin-user-is-me = هذا حسابك أنت: لا يغيّر دورك إلا مسؤول آخر.
admin-user-change-role = تغيير الدور
admin-user-deactivate = تعطيل
admin-user-reactivate = إعادة التفعيل
admin-field-name = الاسم الكامل
admin-field-email = البريد الإلكتروني
admin-field-role = الدور
admin-field-locale = اللغة
admin-field-timezone = المنطقة الزمنية
admin-field-password = كلمة المرور الأولى
admin-field-password-hint = عشرة أحرف على الأقل.
admin-error-user-name = يُرجى إدخال اسم الشخص (200 حرف على الأكثر).
admin-error-user-email = يُرجى إدخال عنوان بريد إلكتروني صحيح.
admin-error-user-role = يُرجى اختيار أحد الأدوار.
admin-error-user-timezone = يُرجى اختيار منطقة زمنية من القائمة.
admin-error-user-locale = يُرجى اختيار إحدى اللغات.
admin-error-user-password = يجب أن تتكوّن كلمة المرور من عشرة أحرف على الأقل.
admin-error-email-taken = يوجد بالفعل عضو في الفريق بهذا البريد الإلكتروني.
admin-error-nothing = لم يتغيّر شيء: اختر دورًا أو استخدم زر التعطيل.
admin-error-self = لا يمكنك تغيير دورك أو تعطيل حسابك بنفسك. يُرجى التواصل مع مسؤول آخر.

## حسابات العملاء

admin-accounts-title = حسابات العملاء
admin-accounts-intro = تحدّد شريحة الشركة مقدار الوقت الذي يخصّصه لها الفريق. ويُربط كل شخص بشركته عن طريق نطاق بريده الإلكتروني.
admin-accounts-empty = لا توجد حسابات بعد.
admin-accounts-add = إضافة حساب
admin-accounts-add-submit = إضافة الحساب
admin-account-added = تمت إضافة الحساب { $name }.
admin-account-changed = تم تغيير الشريحة.
admin-account-no-domains = لا توجد نطاقات بريد
admin-account-change-segment = تغيير الشريحة
admin-segment-high-touch = رعاية مكثّفة
admin-segment-low-touch = رعاية جماعية
admin-segment-tech-touch = خدمة ذاتية
admin-field-company = اسم الشركة
admin-field-domains = نطاقات البريد الإلكتروني
admin-field-domains-hint = مثل acme.com، نطاق في كل سطر أو مفصولة بفواصل؛ 50 على الأكثر.
admin-field-segment = الشريحة
admin-field-segment-hint = الرعاية المكثّفة: مدير نجاح عملاء مخصّص. الرعاية الجماعية: فريق one-to-many. الخدمة الذاتية: موارد ذاتية وندوات عبر الإنترنت.
admin-error-account-name = يُرجى إدخال اسم الشركة (200 حرف على الأكثر).
admin-error-account-domains = يُرجى إدخال نطاقات مثل acme.com، كلٌّ منها مرة واحدة، و50 على الأكثر.
admin-error-account-segment = يُرجى اختيار إحدى الشرائح.
admin-error-domain-taken = أحد هذه النطاقات مرتبط بالفعل بحساب آخر.

## صندوق الصادر

admin-outbox-title = صندوق الصادر
admin-outbox-intro = كل رسائل البريد الإلكتروني وخطافات الويب التي يرسلها النظام، الأحدث أولًا. ويمكن إعادة إرسال أي رسالة تعذّر تسليمها بعد كل المحاولات.
admin-outbox-count-pending = بانتظار الإرسال: { $count }
admin-outbox-count-failed = تعذّر تسليمها: { $count }
admin-outbox-count-sent = أُرسلت: { $count }
admin-outbox-count-cancelled = أُلغيت: { $count }
admin-outbox-retried =
    { $count ->
        [0] لم تكن هناك رسائل متعذّرة لإعادة إرسالها.
        [one] سيُعاد إرسال رسالة واحدة بعد لحظات.
        [two] سيُعاد إرسال رسالتين بعد لحظات.
        [few] سيُعاد إرسال { $count } رسائل بعد لحظات.
       *[other] سيُعاد إرسال { $count } رسالة بعد لحظات.
    }
admin-outbox-all = كل الرسائل
admin-outbox-filter = تصفية
admin-outbox-show = عرض
admin-outbox-retry-all = إعادة إرسال كل الرسائل المتعذّرة
admin-outbox-empty = لا توجد رسائل تطابق هذه التصفية.
admin-outbox-caption = الرسائل، الأحدث أولًا
admin-outbox-older = رسائل أقدم
admin-field-status = الحالة
admin-status-pending = بانتظار الإرسال
admin-status-sent = أُرسلت
admin-status-failed = تعذّر تسليمها
admin-status-cancelled = أُلغيت
admin-channel-email = بريد إلكتروني
admin-channel-webhook = خطاف ويب
admin-col-created = تاريخ الإنشاء
admin-col-topic = النوع
admin-col-recipient = المستلم
admin-col-status = الحالة
admin-col-attempts = المحاولات
admin-col-error = آخر خطأ
admin-col-attempted = وقت المحاولة
admin-col-result = النتيجة
admin-col-worker = الخادم
admin-error-status = هذه الحالة غير موجودة؛ تُعرض كل الرسائل.
admin-error-not-failed = لا يمكن إعادة الإرسال إلا لرسالة تعذّر تسليمها، وهذه الرسالة ليست كذلك.

## رسالة واحدة

admin-message-title = تفاصيل الرسالة
admin-message-back = العودة إلى صندوق الصادر
admin-message-next-attempt = المحاولة التالية
admin-message-sent-at = وقت الإرسال
admin-message-retried = سيُعاد إرسال الرسالة بعد لحظات.
admin-message-webinar = الندوة
admin-message-webinar-link = فتح قائمة المسجّلين في الندوة
admin-message-retry = إعادة الإرسال
admin-attempt-succeeded = سُلّمت
admin-attempt-failed = تعذّر التسليم
admin-attempts-title = محاولات التسليم
admin-attempts-empty = لا توجد محاولات تسليم بعد.
admin-attempts-caption = كل المحاولات، الأقدم أولًا
