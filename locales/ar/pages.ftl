# نصوص صفحات الموقع (العربية الفصحى، بصيغة الجمع للتوقير).
# المفاتيح والمتغيرات نفسها كما في en/pages.ftl؛ كل مفتاح يبدأ بـ "page-".

## إطار الصفحة

page-lang-name = العربية
page-site-name = الندوات الإلكترونية وساعات الاستشارة
page-skip-to-content = الانتقال إلى المحتوى
page-language-switch = اللغة
page-back-to-catalog = كل الندوات القادمة

## قائمة الندوات

page-catalog-title = الندوات القادمة
page-catalog-intro = تعلّموا من فريق نجاح العملاء لدينا: ندوات موضوعية مفتوحة للجميع، وندوات مع خبراء في مجموعات صغيرة يمكنكم فيها مناقشة وضعكم الخاص.
page-filter-kind = النوع
page-filter-kind-all = كل الأنواع
page-kind-regular = ندوة
page-kind-expert = ندوة مع خبير
page-filter-topic = الموضوع
page-filter-submit = عرض
page-catalog-empty = لا توجد ندوات قادمة تطابق اختياركم.
page-catalog-more = الندوات اللاحقة
page-zone-visitor = تُعرض المواعيد بتوقيتكم المحلي ({ $zone }).
page-zone-session = تُعرض المواعيد بتوقيت كل جلسة.
page-time-range = { $start } – { $end } (بتوقيت { $zone })
page-hosted-by = يقدّمها { $host }
page-seats-open = مفتوحة للجميع
page-seats-full = اكتمل العدد – قائمة الانتظار مفتوحة
page-seats-left =
    { $count ->
        [zero] لا توجد مقاعد متبقية
        [one] بقي مقعد واحد
        [two] بقي مقعدان
        [few] بقيت { $count } مقاعد
        [many] بقي { $count } مقعدًا
       *[other] بقي { $count } مقعد
    }

## الندوة واستمارة التسجيل

page-webinar-when = الموعد
page-webinar-host = التقديم
page-webinar-seats = المقاعد
page-register-title = التسجيل
page-register-waitlist-note = اكتمل عدد المشاركين في هذه الندوة. سجّلوا للانضمام إلى قائمة الانتظار: فور شغور مقعد يُمنح للشخص التالي في القائمة، وسنُعلمكم بذلك عبر البريد الإلكتروني.
page-register-closed = التسجيل مغلق: لقد بدأت هذه الجلسة بالفعل أو أُلغيت.
page-field-name = الاسم
page-field-email = البريد الإلكتروني
page-field-email-hint = سنرسل دعوة التقويم إلى هذا العنوان.
page-field-company = الشركة
page-field-optional = اختياري
page-field-situation = وضعكم الحالي
page-field-situation-hint = صِفوا باختصار أين تقفون حاليًا وما الذي تودّون تحقيقه، ليتمكن الخبير من الاستعداد.
page-field-questions = أسئلتكم
page-field-questions-hint = الأسئلة التي تودّون أن نجيب عنها خلال الجلسة.
page-field-consent = نعم، أرغب في تلقي أخبار عن الندوات والمنتجات عبر البريد الإلكتروني. ويمكنني سحب هذه الموافقة في أي وقت.
page-register-submit = سجّلوا الآن
page-register-submit-waitlist = الانضمام إلى قائمة الانتظار
page-form-has-errors = يُرجى مراجعة الحقول المشار إليها أدناه.
page-error-name = يُرجى إدخال اسمكم (سطر واحد، 200 حرف كحد أقصى).
page-error-email = يُرجى إدخال عنوان بريد إلكتروني صحيح، مثل name@company.com.
page-error-company = يُرجى إدخال اسم شركتكم في سطر واحد (200 حرف كحد أقصى).
page-error-situation = يُرجى وصف وضعكم (4000 حرف كحد أقصى): يستعين به الخبير في التحضير للجلسة.
page-error-questions = يُرجى ألا تتجاوز أسئلتكم 1000 حرف.
page-error-form = تعذّرت معالجة بعض البيانات. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.
page-already-registered = عنوان البريد الإلكتروني هذا مسجّل بالفعل في هذه الندوة. وقد أعدنا إرسال التأكيد إليه.
page-already-registered-recent = عنوان البريد الإلكتروني هذا مسجّل بالفعل في هذه الندوة. وقد أعدنا إرسال التأكيد قبل دقائق؛ يُرجى التحقق من مجلد الرسائل غير المرغوب فيها أيضًا.

## التأكيد

page-confirmed-title = تم تسجيلكم
page-confirmed-text = أرسلنا دعوة التقويم إلى { $email }.
page-waitlisted-title = أنتم على قائمة الانتظار
page-waitlisted-text = ترتيبكم في قائمة الانتظار هو { $position }. وفور شغور مقعد سنرسل دعوتكم إلى { $email }.
page-calendar-title = الإضافة إلى التقويم
page-calendar-ics = تنزيل ملف التقويم (.ics)
page-calendar-google = تقويم Google
page-calendar-outlook = Outlook.com
page-manage-hint = يمكنكم الإلغاء في أي وقت عبر الرابط الوارد في رسالتكم أو من هنا:
page-manage-link = إدارة التسجيل

## صفحة إدارة التسجيل (من رابط الرسالة)

page-manage-title = تسجيلكم
page-manage-webinar = الندوة
page-manage-name = الاسم
page-manage-email = البريد الإلكتروني
page-manage-status = الحالة
page-status-confirmed = مؤكَّد
page-status-waitlisted = على قائمة الانتظار (الترتيب { $position })
page-status-cancelled = ملغى
page-cancel-explain = إذا لم يعد بإمكانكم الحضور، يُرجى إلغاء تسجيلكم ليحصل على مقعدكم أحد المنتظرين.
page-cancel-button = إلغاء تسجيلي
page-cancelled-notice = تم إلغاء تسجيلكم.
page-manage-closed = انتهت هذه الجلسة؛ ولم يعد من الممكن تعديل التسجيل.

## الأخطاء

page-error-not-found-title = الصفحة غير موجودة
page-error-not-found-text = هذه الصفحة غير موجودة أو لم تعد متاحة. ربما أُزيلت الندوة.
page-error-link-title = هذا الرابط غير صالح
page-error-link-text = قد يكون الرابط ناقصًا أو منتهي الصلاحية. يُرجى استخدام الرابط الوارد في أحدث رسالة وصلتكم.
page-error-closed-title = التسجيل مغلق
page-error-closed-text = لقد بدأت هذه الجلسة بالفعل أو أُلغيت.
page-error-busy-title = طلبات كثيرة جدًا
page-error-busy-text = يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
page-error-unavailable-title = الخدمة غير متاحة مؤقتًا
page-error-unavailable-text = الخدمة مشغولة حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
page-error-internal-title = حدث خطأ ما
page-error-internal-text = حدث خطأ غير متوقع وقد سجّلناه؛ يُرجى المحاولة لاحقًا.
page-error-bad-request-title = تعذّرت معالجة الطلب
page-error-bad-request-text = يُرجى الرجوع والمحاولة مرة أخرى.
